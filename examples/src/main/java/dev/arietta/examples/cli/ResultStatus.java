package dev.arietta.examples.cli;

/** The {@code stat} column of aria2's "Download Results:" table, with its legend text. */
public enum ResultStatus {
    /** Finished. */
    OK("(OK):download completed."),
    /** Stopped with an error. */
    ERR("(ERR):error occurred."),
    /** Unfinished when the program stopped (active, waiting or paused). */
    INPR("(INPR):download in-progress."),
    /** Removed by the user. */
    RM("(RM):download removed.");

    private final String legend;

    ResultStatus(String legend) {
        this.legend = legend;
    }

    /** The legend entry printed under the table when at least one row has this status. */
    public String legend() {
        return legend;
    }
}
