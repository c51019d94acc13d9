package dev.refusalguard.proxy.recovery;

import dev.refusalguard.policies.RequestAnalysis;
import dev.refusalguard.policies.TaskCategory;

import java.util.Map;

/**
 * The proxy's view of the policies module: request analysis and the text side of the strategies. Implementations
 * are thread-safe and may take up to about a millisecond (they run on the inference executor).
 */
public interface RequestPolicy {

    /** Category, sensitive terms, authorization claim and intent of a request. */
    RequestAnalysis analyze(String systemText, String lastUserText);

    /** The request text with sensitive wording rephrased, evidence untouched; the same text when nothing changes. */
    String rephrase(String text, TaskCategory category);

    /**
     * A structured authorization block (organisation, role, asset scope, engagement id) for system context, or null
     * when no field is known.
     */
    String authorizationBlock(Map<String, String> fields);

    /** Whether a refused request with this analysis may be recovered (the intent gate). */
    boolean mayRecover(RequestAnalysis analysis);
}
