package dev.arietta.core.internal.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PathSanitizerTest {

    private final PathSanitizer sanitizer = new PathSanitizer();

    /** Hostile single names and exactly what each must become ("" means dropped). */
    static Stream<Arguments> hostileElements() {
        return Stream.of(
                Arguments.of("..", ""),
                Arguments.of(".", ""),
                Arguments.of("", ""),
                Arguments.of("...", ""),
                Arguments.of(". .", ""),
                Arguments.of("..\u202E", ""),
                Arguments.of(". \u200B.", ""),
                Arguments.of("\u200B", ""),
                Arguments.of("normal.txt", "normal.txt"),
                Arguments.of("C:", ""),
                Arguments.of("C:evil.exe", "evil.exe"),
                Arguments.of("c:\\Windows\\System32", "_Windows_System32"),
                Arguments.of("..\\..\\evil.exe", ".._.._evil.exe"),
                Arguments.of("a/b", "a_b"),
                Arguments.of("/etc/passwd", "_etc_passwd"),
                Arguments.of("file\0name", "file_name"),
                Arguments.of("line\nbreak\r", "line_break_"),
                Arguments.of("tab\there", "tab_here"),
                Arguments.of("del\u007F", "del_"),
                Arguments.of("c1\u0085x", "c1_x"),
                Arguments.of("\u2028sep", "_sep"),
                Arguments.of("invoice\u202Etxt.exe", "invoicetxt.exe"),
                Arguments.of("\u202Dabc\u202C", "abc"),
                Arguments.of("a\u2066b\u2069c", "abc"),
                Arguments.of("rlm\u200Fx\u200Ey", "rlmxy"),
                Arguments.of("arabic\u061Cmark", "arabicmark"),
                Arguments.of("zero\u200Bwidth\u200C\u200D", "zerowidth"),
                Arguments.of("\uFEFFbom.txt", "bom.txt"),
                Arguments.of("CON", "_CON"),
                Arguments.of("con.txt", "_con.txt"),
                Arguments.of("Lpt9.tar.gz", "_Lpt9.tar.gz"),
                Arguments.of("COM\u00B9", "_COM\u00B9"),
                Arguments.of("nul ", "_nul"),
                Arguments.of("aux .txt", "_aux .txt"),
                Arguments.of("conin$", "_conin$"),
                Arguments.of("CONSOLE", "CONSOLE"),
                Arguments.of("COM10", "COM10"),
                Arguments.of("name. . .", "name"),
                Arguments.of("  leading", "leading"),
                Arguments.of("what?.txt", "what_.txt"),
                Arguments.of("a<b>c|d*e\"f", "a_b_c_d_e_f"),
                Arguments.of("stream.txt:hidden", "stream.txt_hidden"),
                Arguments.of("\uD800lonely", "_lonely"),
                Arguments.of("ok\uDBFF", "ok_"),
                Arguments.of("emoji \uD83D\uDE00.png", "emoji \uD83D\uDE00.png"),
                Arguments.of("a".repeat(300) + ".txt", "a".repeat(251) + ".txt"),
                Arguments.of("\u00E9".repeat(200) + ".txt", "\u00E9".repeat(125) + ".txt"),
                Arguments.of("\uD83D\uDE00".repeat(100), "\uD83D\uDE00".repeat(63)),
                Arguments.of("a".repeat(300) + "." + "b".repeat(40), "a".repeat(255)),
                Arguments.of("a".repeat(254) + ".", "a".repeat(254)),
                Arguments.of("a".repeat(250) + " ".repeat(10) + ".txt", "a".repeat(250) + ".txt"));
    }

    @ParameterizedTest
    @MethodSource("hostileElements")
    void sanitizesElement(String input, String expected) {
        String result = sanitizer.sanitizeElement(input);
        assertEquals(expected, result);
        assertTrue(PathSanitizer.utf8Length(result) <= PathSanitizer.DEFAULT_MAX_ELEMENT_BYTES);
        assertEquals(result, sanitizer.sanitizeElement(result), "sanitizing is idempotent");
    }

    /** Hostile slash-separated paths and their exact elements, or "!EMPTY_PATH" for the error. */
    static Stream<Arguments> hostileRelativePaths() {
        return Stream.of(
                Arguments.of("../../etc/passwd", "etc|passwd"),
                Arguments.of("/absolute/path", "absolute|path"),
                Arguments.of("//server/share/x", "server|share|x"),
                Arguments.of("C:/Windows/x", "Windows|x"),
                Arguments.of("a/./b/../c", "a|b|c"),
                Arguments.of("dir\\..\\..\\x", "dir_.._.._x"),
                Arguments.of("ok//double/", "ok|double"),
                Arguments.of("con/aux.txt", "_con|_aux.txt"),
                Arguments.of("sub\u202E/gpj.exe", "sub|gpj.exe"),
                Arguments.of("", "!EMPTY_PATH"),
                Arguments.of("/", "!EMPTY_PATH"),
                Arguments.of("../..", "!EMPTY_PATH"),
                Arguments.of(". /../...", "!EMPTY_PATH"),
                Arguments.of("\u202E/\u200B", "!EMPTY_PATH"),
                Arguments.of("C:/", "!EMPTY_PATH"));
    }

    @ParameterizedTest
    @MethodSource("hostileRelativePaths")
    void sanitizesRelativePath(String input, String expected) throws PathContainmentException {
        if (expected.startsWith("!")) {
            PathContainmentException error = assertThrows(PathContainmentException.class,
                    () -> sanitizer.sanitizeRelativePath(input));
            assertEquals(PathContainmentException.Reason.valueOf(expected.substring(1)), error.reason());
            assertEquals(input, error.input());
        } else {
            assertEquals(Arrays.asList(expected.split("\\|")), sanitizer.sanitizeRelativePath(input));
        }
    }

    @Test
    void sanitizesElementListsReplacingSeparatorsInsideElements() throws PathContainmentException {
        assertEquals(List.of("x"), sanitizer.sanitizePath(List.of("..", "..", "x")));
        assertEquals(List.of("a_b", "c"), sanitizer.sanitizePath(List.of("a/b", "c")));
        assertEquals(PathContainmentException.Reason.EMPTY_PATH,
                assertThrows(PathContainmentException.class, () -> sanitizer.sanitizePath(List.of())).reason());
        assertEquals(PathContainmentException.Reason.EMPTY_PATH, assertThrows(PathContainmentException.class,
                () -> sanitizer.sanitizePath(List.of("", ".", ".."))).reason());
    }

    @Test
    void smallerElementLimitTruncates() {
        PathSanitizer small = new PathSanitizer(40);
        assertEquals("a".repeat(36) + ".txt", small.sanitizeElement("a".repeat(100) + ".txt"));
        assertThrows(IllegalArgumentException.class, () -> new PathSanitizer(39));
    }

    @Test
    void errorMessageEscapesControlAndBidiCharacters() {
        PathContainmentException error = new PathContainmentException(PathContainmentException.Reason.ESCAPES_ROOT,
                "x\n\u202Ey", Path.of("/root"), "resolves to /etc");
        assertEquals("path escapes the download directory: \"x\\u000A\\u202Ey\" under /root (resolves to /etc)",
                error.getMessage());
    }

    @Test
    void resolvesUnderARootThatDoesNotExistYet(@TempDir Path temp) throws IOException {
        Path root = temp.resolve("downloads");
        assertEquals(root.resolve("a").resolve("b.txt"), sanitizer.resolveUnder(root, List.of("..", "a", "b.txt")));
        assertEquals(root.resolve("etc").resolve("passwd"), sanitizer.resolveUnder(root, "../../etc/passwd"));
    }

    @Test
    void refusesSymbolicLinkedDirectoryPointingOutside(@TempDir Path temp) throws IOException {
        Path root = Files.createDirectory(temp.resolve("root"));
        Path outside = Files.createDirectory(temp.resolve("outside"));
        Files.createSymbolicLink(root.resolve("link"), outside);
        PathContainmentException error = assertThrows(PathContainmentException.class,
                () -> sanitizer.resolveUnder(root, List.of("link", "missing", "evil.sh")));
        assertEquals(PathContainmentException.Reason.ESCAPES_ROOT, error.reason());
        assertEquals(root.toAbsolutePath(), error.root());
        assertTrue(error.getMessage().contains(outside.toRealPath().resolve("missing").toString()), error.getMessage());
    }

    @Test
    void refusesSymbolicLinkedFilePointingOutside(@TempDir Path temp) throws IOException {
        Path root = Files.createDirectory(temp.resolve("root"));
        Path victim = Files.writeString(temp.resolve("victim.txt"), "keep");
        Files.createSymbolicLink(root.resolve("file.txt"), victim);
        assertEquals(PathContainmentException.Reason.ESCAPES_ROOT, assertThrows(PathContainmentException.class,
                () -> sanitizer.resolveUnder(root, "file.txt")).reason());
    }

    @Test
    void refusesDanglingSymbolicLink(@TempDir Path temp) throws IOException {
        Path root = Files.createDirectory(temp.resolve("root"));
        Files.createSymbolicLink(root.resolve("dangling"), temp.resolve("nowhere").resolve("file"));
        assertEquals(PathContainmentException.Reason.DANGLING_LINK, assertThrows(PathContainmentException.class,
                () -> sanitizer.resolveUnder(root, "dangling")).reason());
        assertEquals(PathContainmentException.Reason.DANGLING_LINK, assertThrows(PathContainmentException.class,
                () -> sanitizer.resolveUnder(root, "dangling/below")).reason());
    }

    @Test
    void refusesLinkToTheRootItself(@TempDir Path temp) throws IOException {
        Path root = Files.createDirectory(temp.resolve("root"));
        Files.createSymbolicLink(root.resolve("self"), root);
        assertEquals(PathContainmentException.Reason.ESCAPES_ROOT, assertThrows(PathContainmentException.class,
                () -> sanitizer.resolveUnder(root, "self")).reason());
        assertEquals(root.resolve("self").resolve("x"), sanitizer.resolveUnder(root, "self/x"));
    }

    @Test
    void acceptsLinksThatStayInsideAndALinkedRoot(@TempDir Path temp) throws IOException {
        Path real = Files.createDirectory(temp.resolve("real"));
        Path inside = Files.createDirectory(real.resolve("inside"));
        Files.createSymbolicLink(real.resolve("alias"), inside);
        Path linkedRoot = Files.createSymbolicLink(temp.resolve("linked-root"), real);
        assertEquals(real.resolve("alias").resolve("f"), sanitizer.resolveUnder(real, "alias/f"));
        assertEquals(linkedRoot.resolve("inside").resolve("f"), sanitizer.resolveUnder(linkedRoot, "inside/f"));
    }
}
