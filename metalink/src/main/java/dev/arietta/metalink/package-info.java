/**
 * Metalink on its own: parse Metalink 4 (RFC 5854, {@code .meta4}) and Metalink 3.0
 * ({@code .metalink}) into one immutable model, write Metalink 4, read Metalink/HTTP
 * headers (RFC 6249 {@code Link}, RFC 3230 {@code Digest}), and choose files and mirrors
 * the way aria2 does. The only dependency is Aalto XML.
 *
 * <h2>Using the metalink module on its own</h2>
 * <pre>{@code
 * MetalinkDocument document = Metalink.parse(Files.readAllBytes(Path.of("ubuntu.meta4")));
 *
 * MetalinkPreferences preferences = MetalinkPreferences.builder()
 *         .locations(List.of("de", "fr"))                  // --metalink-location=de,fr
 *         .preferredProtocol(MetalinkPreferences.Protocol.HTTPS)
 *         .build();
 * for (SelectedFile file : Metalink.select(document, URI.create("https://example.org/ubuntu.meta4"), preferences)) {
 *     System.out.println(file.file().name() + " from " + file.uris());      // best mirror first
 *     if (file.hash() != null) {
 *         System.out.println("  verify " + file.hash().type() + " " + file.hash().hex());
 *     }
 *     if (file.pieceHashes() != null) {
 *         System.out.println("  " + file.pieceHashes().count() + " pieces of " + file.pieceHashes().pieceLength() + " bytes");
 *     }
 * }
 *
 * // Build or edit a document and write it as Metalink 4:
 * MetalinkDocument mine = MetalinkDocument.of(List.of(MetalinkFile.builder("dir/file.iso")
 *         .size(1_048_576)
 *         .addHash(new Hash(HashType.SHA_256, sha256Hex))
 *         .addUrl(MetalinkUrl.of("https://mirror.example.org/file.iso", "de", 1))
 *         .build()));
 * Files.write(Path.of("file.meta4"), Metalink.toByteArray(mine));
 *
 * // Metalink/HTTP: mirrors and digests from a response's headers.
 * MetalinkHttp http = MetalinkHttp.parse(requestUri, response.headers().allValues("Link"),
 *         response.headers().allValues("Digest"));
 * List<URI> mirrors = http.orderedMirrors(preferences);
 * }</pre>
 *
 * <h2>Conventions</h2>
 * <ul>
 *   <li>Model types are immutable and thread-safe. Absent text is {@code null}, absent
 *       numbers are empty {@code OptionalLong}/{@code OptionalInt}, lists are never null.
 *       Text is kept without surrounding white space.</li>
 *   <li>Hash type names are aria2's: {@code md5}, {@code sha-1}, {@code sha-224},
 *       {@code sha-256}, {@code sha-384}, {@code sha-512}; others are ignored when parsing.</li>
 *   <li>Sizes and piece lengths are in bytes; priorities run from 1 (best) to 999999.</li>
 *   <li>Every refusal of input is a {@link dev.arietta.metalink.MetalinkException} (an
 *       {@code IOException}) saying what was wrong and where; misuse of the API (building an
 *       invalid model) is an {@code IllegalArgumentException}.</li>
 *   <li>File names are checked by one rule (see {@link dev.arietta.metalink.MetalinkFile#name()}):
 *       nothing that could leave the download directory is accepted.</li>
 * </ul>
 */
package dev.arietta.metalink;
