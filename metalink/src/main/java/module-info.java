/**
 * Arietta's standalone Metalink support: Metalink 3.0 and 4 (RFC 5854) parsing into one
 * immutable model, Metalink 4 writing, Metalink/HTTP (RFC 6249) headers, and mirror
 * preference. Depends only on Aalto XML.
 */
module dev.arietta.metalink {
    requires com.fasterxml.aalto;

    exports dev.arietta.metalink;
}
