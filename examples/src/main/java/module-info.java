/**
 * The {@code arietta} command-line downloader ({@code dev.arietta.examples.cli}, aria2c-compatible
 * flags) and short programs showing how to embed a {@code Session} ({@code dev.arietta.examples}).
 */
module dev.arietta.examples {
    requires dev.arietta.api;
    requires jdk.httpserver;

    exports dev.arietta.examples;
    exports dev.arietta.examples.cli;
}
