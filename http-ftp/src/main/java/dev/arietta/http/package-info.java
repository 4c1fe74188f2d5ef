/**
 * Public face of Arietta's HTTP client: the exceptions a failed exchange reports (all
 * {@link java.io.IOException}s carrying the masked URL, the status if any and an aria2 error
 * code) and {@link dev.arietta.http.HttpResponseHeaders}, an immutable view of a response head.
 */
package dev.arietta.http;
