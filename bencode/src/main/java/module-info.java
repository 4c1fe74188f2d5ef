/**
 * Arietta's standalone bencode codec: a zero-copy token view, an immutable value tree,
 * raw spans of the input, and a canonical encoder. No dependencies.
 */
module dev.arietta.bencode {
    exports dev.arietta.bencode;
}
