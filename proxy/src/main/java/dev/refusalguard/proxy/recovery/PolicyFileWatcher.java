package dev.refusalguard.proxy.recovery;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;

/**
 * Watches the policy file's directory (not the file: Kubernetes updates a mounted ConfigMap by swapping a
 * {@code ..data} symlink, so the file itself never changes) and reloads the policy when the file's content
 * timestamp or target changes. Runs on its own daemon thread; never touches an event loop.
 */
public final class PolicyFileWatcher implements AutoCloseable {

    private final PolicyHolder holder;
    private final Path file;
    private final WatchService watch;
    private final Thread thread;
    private volatile String lastResult = "not reloaded yet";
    /** The file's state when the policy in force was read; taken before the thread starts so no change is missed. */
    private final String initialStamp;

    public PolicyFileWatcher(PolicyHolder holder, Path file) throws IOException {
        this.holder = holder;
        this.file = file.toAbsolutePath();
        this.watch = FileSystems.getDefault().newWatchService();
        this.file.getParent().register(watch, StandardWatchEventKinds.ENTRY_CREATE,
                StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
        this.initialStamp = stamp();
        this.thread = new Thread(this::run, "refusalguard-policy-watch");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** What the last reload did: "reloaded", or the reason a bad file was rejected. */
    public String lastResult() {
        return lastResult;
    }

    private void run() {
        String lastStamp = initialStamp;
        try {
            while (true) {
                WatchKey key = watch.poll(1, TimeUnit.SECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
                String now = stamp();
                if (now != null && !now.equals(lastStamp)) {
                    lastStamp = now;
                    String error = holder.reload();
                    lastResult = error == null ? "reloaded" : "rejected: " + error;
                    System.err.println("refusalguard: policy file " + file + " " + lastResult
                            + (error == null ? "" : " (the previous policy stays in force)"));
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The real file's path and modification time (symlinks followed), or null when it is missing. */
    private String stamp() {
        try {
            Path real = file.toRealPath();
            FileTime t = Files.getLastModifiedTime(real);
            return real + "@" + t.toMillis() + "#" + Files.size(real);
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        try {
            watch.close();
        } catch (IOException e) {
            // closing a watch service only fails if already closed
        }
        thread.interrupt();
    }
}
