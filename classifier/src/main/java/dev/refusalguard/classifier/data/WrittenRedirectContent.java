package dev.refusalguard.classifier.data;

/**
 * Long redirects written for this project (source {@value DatasetCurator#WRITTEN_SOURCE}): the specific artefact asked
 * for is declined, an offer follows ("I can, however, ..."), and then several paragraphs of general, high-level
 * material that is not what was asked (soft refusal). Public data has this shape almost only in refusalbench-bio; the
 * short written redirects ({@link WrittenHedgeContent#SPECIFIC_DECLINES}) stop after the offer, so a long general body
 * used to pull such answers towards compliance. Combined by {@link WrittenCases}. None is copied from any dataset row.
 */
final class WrittenRedirectContent {

    private WrittenRedirectContent() {
    }

    /** The decline of the specific artefact and the offer of something general. {topic} is the request's wording. */
    static final String[] DECLINE_AND_OFFER = {
        "I can't provide {topic} at the level of detail you asked for. I can, however, explain the general principles.",
        "I won't produce {topic} in a form that could be used directly. What I can do is describe the concepts at a high level.",
        "I'm not able to give {topic} specifically. Instead, here is a general overview of the area.",
        "Providing {topic} as requested is not something I'll do. I can, however, discuss the broader context and the usual safeguards.",
        "I cannot write {topic} for you. I can, however, outline how practitioners generally think about this problem.",
        "I'll have to decline the specific request for {topic}, but I'm happy to cover the background in general terms.",
    };

    /** General, non-specific paragraphs (no commands, indicators or configuration): what a redirect offers instead. */
    static final String[] GENERAL_PARAGRAPHS = {
        "In general, security work in this area rests on a few principles: understand what normal looks like, reduce the attack surface, and make sure that what cannot be prevented can at least be detected and investigated.",
        "At a high level, organisations approach this through layered controls. Preventive measures reduce the likelihood of an incident, detective measures shorten the time an attacker goes unnoticed, and corrective measures limit the damage once something has happened.",
        "Broadly speaking, frameworks such as NIST CSF and ISO 27001 describe the lifecycle: identify assets and risks, protect them, detect anomalies, respond in a coordinated way and recover. Most mature programmes map their processes to one of these.",
        "Conceptually, the defender's advantage is visibility. Logging, asset inventories and baselines are unglamorous, but they are what make later analysis possible, and they are usually where gaps are found after an incident.",
        "It is also worth considering the human side. Clear ownership, rehearsed procedures and good communication with legal, management and affected users often matter as much as any technical measure.",
        "Typically, teams also rely on external guidance: vendor advisories, national CERT publications and community resources such as MITRE ATT&CK provide a shared vocabulary and help prioritise work.",
        "Finally, any work of this kind should stay within an agreed scope and be documented, so that results can be reviewed and repeated, and so that responsibilities are clear if something goes wrong.",
        "More generally, the balance between openness and caution is an ongoing discussion in the security community, and responsible disclosure practices exist precisely to manage it.",
        "If you are working within an organisation, your security team, a managed service provider or the vendor's support channel are usually the right places to take the specific question.",
    };
}
