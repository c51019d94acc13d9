package dev.refusalguard.proxy.cli;

import sun.misc.Signal;

/**
 * SIGTERM/SIGINT handling that lets the process drain and exit 0 (a JVM shutdown hook would exit 143).
 * Uses sun.misc.Signal (module jdk.unsupported, present in every OpenJDK build); falls back to a shutdown hook.
 */
final class Signals {

    private Signals() {
    }

    static void onTerminate(Runnable action) {
        try {
            Signal.handle(new Signal("TERM"), s -> action.run());
            Signal.handle(new Signal("INT"), s -> action.run());
        } catch (IllegalArgumentException | LinkageError e) {
            Runtime.getRuntime().addShutdownHook(new Thread(action, "refusalguard-shutdown"));
        }
    }
}
