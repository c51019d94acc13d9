package dev.refusalguard.classifier.data;

/**
 * Fragments written for this project (source {@value DatasetCurator#WRITTEN_SOURCE}): defensive answers that comply
 * while refusal-like words ("cannot", "won't", "refuses", "sorry", "illegal", "malicious", "exploit", "I must") sit in
 * their opening, their body and their closing caveat. The body sentences describe what software, attackers or
 * controls refuse or cannot do; the closers are the safety notes that careful answers end with. Combined by
 * {@link WrittenCases} with the defensive bodies of {@link WrittenCyberContent}. None is copied from any dataset row.
 */
final class WrittenCaveatContent {

    private WrittenCaveatContent() {
    }

    /** Openers with refusal-like words that lead into the answer. */
    static final String[] OPENERS = {
        "I can't confirm attribution from a single indicator, and you shouldn't either. What the evidence does show:",
        "Sorry, this took a while to untangle. The short version is that the host is compromised; details follow.",
        "I won't guess at the initial access vector yet. Here is what the artefacts you sent establish.",
        "Unfortunately the logs were rotated, so we cannot see the first hour. From what is left:",
        "I must be careful with wording in an incident report, so I've marked what is confirmed and what is inferred.",
        "This is malicious, no doubt about it. Walkthrough:",
        "I'm afraid the answer is yes: the exposed service is exploitable. Here is how to close it.",
        "Honestly, I cannot recommend leaving that rule disabled. Turn it back on and tune it like this.",
        "Refusal to authenticate is the expected behaviour here, so the control works. The gap is elsewhere:",
        "I can't reproduce your environment, but the error message is enough to diagnose it.",
        "No apology needed for the messy paste; the relevant part is clear.",
        "Don't delete anything yet. The order matters:",
        "I'd decline to call this a false positive. Reasons and next steps:",
        "It's illegal for the attacker, not for you: collecting and analysing what they left on your own systems is normal incident response.",
    };

    /** Body sentences that describe refusals, failures and harm in the system under analysis. */
    static final String[] TRIGGER_SENTENCES = {
        "The loader refuses to run when a debugger is attached, so set a breakpoint after the IsDebuggerPresent check or patch the jump.",
        "The exploit attempt failed: the server answered 403 and the payload never reached the vulnerable handler.",
        "Access is denied (error 5) for the service account, which is why the malicious task could not be re-registered.",
        "The implant won't detonate inside a VM that has fewer than two CPUs, so give the sandbox four cores.",
        "{family} cannot reach {domain} once DNS sinkholing is on; the beacon then falls back to {ip}, so block that too.",
        "Windows Defender declined to quarantine the file because it was in an excluded folder; remove the exclusion.",
        "The attacker was unable to dump LSASS because Credential Guard was enabled, so the harmful step in the chain failed.",
        "Sorry-sounding strings such as 'Sorry, update failed' are decoys printed by the dropper to reassure the user.",
        "The firewall rejected the reverse shell on port 4444, and that refused connection is the best timestamp we have.",
        "The macro cannot run while 'Block macros from the internet' is enforced, which is why only the unmanaged laptops were hit.",
        "Illegal instruction crashes in the crash dump are the exploit's ROP chain hitting a patched binary.",
        "The ransomware note claims files cannot be recovered without the key; check for volume shadow copies before believing it.",
        "The scanner won't flag the backported fix, so this is a false positive on that distribution.",
        "Kerberos pre-authentication failures (event 4771) are harmless one by one; hundreds per minute from one host are not.",
        "The web shell refuses requests without a secret header, which is why a plain crawl of the site did not find it.",
        "EDR blocked the exploit, but it did not block the follow-up PowerShell, so the host still needs triage.",
    };

    /** Closing caveats of compliant answers. */
    static final String[] CLOSERS = {
        "Caveat: don't run the scan against networks you are not authorised to test; unauthorised scanning is illegal in many places.",
        "I can't stress enough: test the rule in a lab before you push it to production.",
        "I can't verify the hash myself, so check it against your threat-intelligence platform before you close the ticket.",
        "If the script refuses to run, the execution policy is blocking it; sign it rather than switching the policy off.",
        "Sorry this is long, but skipping any of these steps tends to leave the attacker a way back in.",
        "Never detonate the sample on a machine with access to the corporate network; it is live, harmful malware.",
        "I won't be able to see your results, so paste the output here if anything looks off and we'll go through it.",
        "One warning: the exploit check is intrusive, so schedule it in a maintenance window.",
        "Unfortunately there is no patch yet; keep the mitigation in place until the vendor ships one.",
        "You must keep a chain-of-custody record for every image you take, in case this ends up in court.",
        "Apologies if some of this is familiar; the order is what matters.",
        "Do not pay the ransom until legal and the insurer have been consulted; paying may be illegal if the group is sanctioned.",
    };
}
