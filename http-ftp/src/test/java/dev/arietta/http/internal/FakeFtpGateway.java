package dev.arietta.http.internal;

import dev.arietta.ftp.FtpException;
import dev.arietta.ftp.internal.FtpCredentials;
import dev.arietta.ftp.internal.FtpLimits;
import dev.arietta.ftp.internal.FtpSession;
import dev.arietta.ftp.internal.FtpSessionOptions;
import dev.arietta.ftp.internal.FtpTransfer;
import dev.arietta.ftp.internal.FtpUrl;
import dev.arietta.ftp.internal.PassiveAddressPolicy;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * The FTP side of {@link FakeProxy}: answers {@code GET ftp://...} the way Squid does, logging in
 * with the request's Basic {@code Authorization} (else anonymously), honouring a single
 * {@code Range: bytes=N-} or {@code bytes=N-M}, and replying 200/206 with the bytes, 404 for a
 * missing file. Uses the blocking FTP driver; test code only.
 */
final class FakeFtpGateway {
    private static final FtpSessionOptions OPTIONS = new FtpSessionOptions(5000, 5000, false,
            PassiveAddressPolicy.REJECT_MISMATCH, FtpLimits.DEFAULTS);

    private FakeFtpGateway() {
    }

    static void answer(Socket client, String[] lines, URI target) throws IOException {
        String authorization = null;
        String range = null;
        for (String line : lines) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("authorization: basic ")) {
                authorization = new String(Base64.getDecoder().decode(line.substring(21).trim()),
                        StandardCharsets.UTF_8);
            } else if (lower.startsWith("range: bytes=")) {
                range = line.substring(13).trim();
            }
        }
        FtpCredentials credentials = authorization == null
                ? new FtpCredentials(FtpCredentials.ANONYMOUS_USER, FtpCredentials.ANONYMOUS_PASSWORD, null)
                : new FtpCredentials(authorization.substring(0, authorization.indexOf(':')),
                        authorization.substring(authorization.indexOf(':') + 1), null);
        long first = range == null ? 0 : Long.parseLong(range.substring(0, range.indexOf('-')));
        String last = range == null ? "" : range.substring(range.indexOf('-') + 1);
        OutputStream out = client.getOutputStream();
        FtpUrl url = FtpUrl.parse(target);
        try (FtpSession session = FtpSession.open(url, credentials, OPTIONS)) {
            FtpTransfer transfer = session.retrieve(url, first, true, false);
            long size = transfer.size().orElseThrow();
            long end = last.isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(last));
            long length = end - first + 1;
            String status = range == null ? "200 OK" : "206 Partial Content";
            String contentRange = range == null ? "" : "Content-Range: bytes " + first + "-" + end + "/" + size + "\r\n";
            out.write(("HTTP/1.1 " + status + "\r\nConnection: close\r\nContent-Length: " + length + "\r\n" + contentRange + "\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            byte[] buffer = new byte[16 * 1024];
            long remaining = length;
            while (remaining > 0) {
                int count = transfer.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                if (count < 0) {
                    break;
                }
                out.write(buffer, 0, count);
                remaining -= count;
            }
            transfer.close();
        } catch (FtpException failure) {
            String status = failure.reason() == FtpException.Reason.FILE_NOT_FOUND ? "404 Not Found"
                    : failure.reason() == FtpException.Reason.LOGIN_FAILED ? "401 Unauthorized" : "502 Bad Gateway";
            out.write(("HTTP/1.1 " + status + "\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        out.flush();
        client.close();
    }
}
