package dev.refusalguard.proxy.exchange;

/** An agent request in progress, as its connection handler sees it. */
public interface AgentExchange {

    /** The agent connection can take more bytes: resume relaying. */
    void onAgentWritable();

    /** The head of the answer has been written to the agent (nothing more can be sent before it, such as a 1xx). */
    boolean answerStarted();

    /**
     * After the head: writes something the agent's client ignores, to learn whether it is still there (a write to a
     * departed client fails). True if it could; only an SSE stream can take one (a comment line between events).
     */
    default boolean probeAfterHead() {
        return false;
    }

    /** The agent went away: stop the upstream call and release everything held. */
    void cancel();
}
