package dev.refusalguard.proxy.demo;

import dev.refusalguard.policies.TaskCategory;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Compliant answers of the simulated model. They are plainly marked: every answer starts with
 * {@value #MARKER}, echoes the request briefly and gives a short category-appropriate outline. They are
 * templates written for the demo, not model output.
 */
public final class SimulatedAnswers {

    public static final String MARKER = "[simulated answer]";
    private static final int ECHO_CHARS = 90;

    private static final Map<TaskCategory, List<String>> OUTLINES = new EnumMap<>(TaskCategory.class);

    static {
        OUTLINES.put(TaskCategory.SYSTEM_HARDENING, List.of(
                "1. Inventory the affected hosts and record the current configuration as a baseline. "
                        + "2. Apply the restrictive settings below and test them on one staging host first. "
                        + "3. Roll out in waves, keep a rollback script, and re-run the configuration audit afterwards.",
                "1. Remove services and accounts the host does not need. 2. Tighten file permissions and enforce "
                        + "least privilege for the service users. 3. Verify with a compliance scan and keep the report."));
        OUTLINES.put(TaskCategory.MALWARE_ANALYSIS, List.of(
                "1. Work on a copy of the sample inside an isolated analysis VM with no network access. "
                        + "2. Record hashes, strings and imports, then observe file, registry and process activity. "
                        + "3. Summarise the behaviour and extract indicators for detection.",
                "1. Triage statically (file type, packer, imports). 2. Run it in the sandbox and capture its "
                        + "persistence and network behaviour. 3. Map what you saw to ATT&CK and write the indicators down."));
        OUTLINES.put(TaskCategory.LOG_ANALYSIS, List.of(
                "1. Narrow the time window around the first alert. 2. Join sign-in and process events on the "
                        + "account and host. 3. Report the matching entries and the value asked for.",
                "1. Filter the logs to the host and account in question. 2. Sort by time and follow the parent "
                        + "process chain. 3. Quote the entries that answer the question."));
        OUTLINES.put(TaskCategory.INCIDENT_RESPONSE, List.of(
                "1. Scope: list the affected accounts, hosts and time range. 2. Contain: isolate hosts and reset "
                        + "credentials. 3. Eradicate and recover, then write the timeline for the report.",
                "1. Preserve evidence before changing anything. 2. Correlate the alerts into one timeline. "
                        + "3. Answer the question from that timeline and note the open leads."));
        OUTLINES.put(TaskCategory.VULNERABILITY_ASSESSMENT, List.of(
                "1. Confirm the affected versions from the asset inventory. 2. Check exposure and compensating "
                        + "controls. 3. Rank by risk and schedule the patch or mitigation.",
                "1. Scan the in-scope assets with authenticated checks. 2. Validate the findings that matter. "
                        + "3. Report each with severity, evidence and the fix."));
        OUTLINES.put(TaskCategory.NETWORK_DEFENSE, List.of(
                "1. Capture traffic at the boundary and classify it by rule. 2. Block or rate-limit what matches, "
                        + "with an allow-list for known-good sources. 3. Log each decision and alert the team.",
                "1. Define the rules in a small config file. 2. Apply them with the host firewall and keep "
                        + "counters. 3. Reload rules without dropping established sessions."));
        OUTLINES.put(TaskCategory.THREAT_INTELLIGENCE, List.of(
                "1. Extract the actor's techniques and indicators from the report. 2. Match them to your "
                        + "telemetry and controls. 3. Prioritise the controls that break the most steps of the chain.",
                "1. Summarise the campaign and its ATT&CK techniques. 2. Check which of them your detections "
                        + "cover. 3. Recommend the gaps to close first."));
        OUTLINES.put(TaskCategory.DETECTION_ENGINEERING, List.of(
                "1. Describe the behaviour as observable events. 2. Write the rule with a threshold and an "
                        + "allow-list. 3. Test it against known-good and known-bad data, then tune false positives.",
                "1. Collect the signals (process, network, auth). 2. Baseline normal activity and alert on "
                        + "deviations. 3. Route alerts with context to the on-call analyst."));
        OUTLINES.put(TaskCategory.OTHER, List.of(
                "1. Restate the goal and the constraints. 2. Lay out the approach step by step. "
                        + "3. Give the result and how to verify it.",
                "1. Gather what is known. 2. Work through the options. 3. Recommend one and explain why."));
    }

    private SimulatedAnswers() {
    }

    /** The simulated compliant answer to {@code userText} in {@code category}; {@code pick} selects a variant. */
    public static String compose(TaskCategory category, String userText, long pick) {
        List<String> variants = OUTLINES.get(category);
        String outline = variants.get((int) Math.floorMod(pick, (long) variants.size()));
        return MARKER + " Task (" + category.wireName().replace('_', ' ') + "): \"" + echo(userText) + "\" "
                + "A real model would answer in full here; this simulator gives the outline only. " + outline;
    }

    private static String echo(String text) {
        String flat = text.replaceAll("\\s+", " ").trim();
        return flat.length() <= ECHO_CHARS ? flat : flat.substring(0, ECHO_CHARS).trim() + "...";
    }
}
