/**
 * Bencode, BitTorrent's serialization format: decode with {@link dev.arietta.bencode.Bencode},
 * read through the zero-copy {@link dev.arietta.bencode.BNode} view or the immutable
 * {@link dev.arietta.bencode.BValue} tree, and encode canonically.
 */
package dev.arietta.bencode;
