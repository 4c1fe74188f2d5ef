package dev.arietta.internal.options;

/** Exactly {@code true} or {@code false}, lower case, as aria2 accepts them and nothing else. */
final class BooleanSyntax implements ValueSyntax<Boolean> {

    @Override
    public String description() {
        return "true or false";
    }

    @Override
    public String placeholder() {
        return "true|false";
    }

    @Override
    public Class<?> valueClass() {
        return Boolean.class;
    }

    @Override
    public Boolean parse(String text) {
        switch (text) {
            case "true":
                return Boolean.TRUE;
            case "false":
                return Boolean.FALSE;
            default:
                throw new InvalidValueException();
        }
    }

    @Override
    public String format(Boolean value) {
        return value.toString();
    }
}
