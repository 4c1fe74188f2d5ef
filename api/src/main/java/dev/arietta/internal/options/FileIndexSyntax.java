package dev.arietta.internal.options;

/** {@code select-file}: checked by {@link FileIndexes}, kept as written (spaces stripped). */
final class FileIndexSyntax implements ValueSyntax<String> {

    @Override
    public String description() {
        return "file indexes and ranges such as 1-5,8,9";
    }

    @Override
    public String placeholder() {
        return "INDEX...";
    }

    @Override
    public Class<?> valueClass() {
        return String.class;
    }

    @Override
    public String parse(String text) {
        FileIndexes.parse(text);
        return text.replace(" ", "").replace("\t", "");
    }

    @Override
    public String format(String value) {
        return value;
    }
}
