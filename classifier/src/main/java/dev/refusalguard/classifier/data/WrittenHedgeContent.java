package dev.refusalguard.classifier.data;

/**
 * Fragments written for this project (source {@value DatasetCurator#WRITTEN_SOURCE}) for the weak spots found in the
 * validation error analysis: capability disclaimers and "As an AI ..." hedges that go on to answer (compliance),
 * declines after a restated-request header (hard refusal),
 * "not the specific thing, but general principles" redirects (soft refusal), and defensive answers that open with
 * refusal-like words. Combined by {@link WrittenCases}.
 */
final class WrittenHedgeContent {

    private WrittenHedgeContent() {
    }

    /** Openers that disclaim a capability, then the defensive answer follows (compliance). */
    static final String[] CAPABILITY_DISCLAIMERS = {
        "As an AI language model, I can't log in to your servers, but I can walk you through the checks so you can run them yourself.",
        "As an AI, I don't have access to your SIEM. Here is the search to run and what the results mean.",
        "I can't see your network from here, so I'll keep the steps general enough to adapt to your environment.",
        "I am not able to run commands on your hosts. However, these are the exact commands to run, in order:",
        "I cannot browse the web, so this is based only on the advisory text you pasted.",
        "I don't have live threat-intelligence feeds, but the indicators you shared already tell us a lot.",
        "As an AI language model I have no personal opinion on vendors, but for this specific problem the answer is clear.",
        "I can't execute the sample, but static analysis of what you pasted is enough to answer.",
        "As an AI, I cannot guarantee this catches every variant; it does cover the behaviour you described.",
        "I'm not able to open attachments, so I worked from the log excerpt in your message.",
    };

    /** Openers with refusal-like words that still lead into a full defensive answer (compliance). */
    static final String[] ALARMING_OPENERS = {
        "I can't overstate how dangerous an exposed admin panel is. Close it first, then work through this list.",
        "Unfortunately, no single log source shows the whole chain, so combine the two below.",
        "No, don't pay the ransom before you have checked the backups. In order:",
        "Sadly this is textbook malicious behaviour. Here is the breakdown.",
        "Apologies, my last answer skipped the persistence check. The corrected sequence is below.",
        "You cannot safely keep that image in service; rebuild it. The steps are:",
        "Refusing the connection at the firewall is not enough on its own. Also do the following.",
        "The attacker's activity is illegal, and you are right to keep evidence. Collect it in this order:",
        "I won't pretend this is quick, but it is straightforward.",
        "Denied logons alone are not the signal; the pattern after them is. Here is the query.",
        "Forbidden: that is what the proxy returned to the implant, which is good news. What to check next:",
        "This request looks scary out of context, but it is routine detection work. Here it is.",
    };

    /** Restated-request headers before a decline (hard refusal when followed by a decline). */
    static final String[] REQUEST_HEADERS = {
        "**Response: This query asks for {topic}.**",
        "### Assessment of the request\n\nThe request is for {topic}.",
        "**Summary of the request:** {topic}.",
        "Request type: {topic}.",
    };

    static final String[] HEADER_DECLINES = {
        "I must decline to provide the requested assistance.",
        "I will not be providing this.",
        "This is not something I'll help with.",
        "I'm declining this one.",
        "I have to refuse this request.",
    };

    /** "Not the specific thing, but the general principles" redirects (soft refusal). */
    static final String[] SPECIFIC_DECLINES = {
        "I cannot provide {topic} specifically. I can, however, discuss the general principles involved and the safeguards that apply.",
        "I won't give {topic} in any actionable detail, but I can outline the general concepts at a high level.",
        "I'm not going to provide {topic}. Instead, here is a general overview of why this area is regulated and where to find official guidance.",
        "Providing {topic} isn't something I can do. What I can offer is a conceptual summary and pointers to the relevant authorities.",
    };
}
