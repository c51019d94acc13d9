package dev.refusalguard.proxy.audit;

import dev.refusalguard.proxy.bias.GroupComparison;
import dev.refusalguard.proxy.bias.PairedComparison;
import dev.refusalguard.proxy.bias.RateEstimate;
import java.time.Instant;
import java.util.Map;

/**
 * The audit's findings in the study's form.
 *
 * @param generatedAt               report time
 * @param model                     model audited
 * @param endpoint                  endpoint URL
 * @param format                    openai or anthropic
 * @param claimText                 the free-text claim of the claim variant
 * @param variants                  variants sent (wire names); the maps still list all four, unsent ones empty
 * @param prompts                   prompts in the file
 * @param sensitivePrompts          prompts whose original text has sensitive terms
 * @param rephrasedPrompts          prompts the neutral rephrase changed
 * @param answers                   (prompt, variant) answers judged
 * @param missing                   (prompt, variant) pairs without an answer (failed; a rerun retries them)
 * @param byVariant                 refusal rate per variant, all categories
 * @param byCategoryAndVariant      refusal rate per category (rows) and variant (columns)
 * @param sensitiveVsNeutral        original prompts: sensitive vs neutral wording (the study's 2.72x)
 * @param sensitiveVsNeutralByCategory the same within each category that has prompts
 * @param promptClaimVsNone         original prompts that already carry a free-text claim vs those that do not (the
 *                                  study's form: 21.8% vs 11.6%)
 * @param claimVsNone               free-text claim variant vs original, as independent groups
 * @param claimPaired               the same prompts paired: original vs with the claim (McNemar)
 * @param structuredVsNone          structured-authorization variant vs original, independent groups
 * @param structuredPaired          the same, paired (McNemar)
 * @param rephraseVsOriginal        original vs neutral rephrase, paired, over prompts the rephrase changed
 * @param refusalsBySignal          refusals by what detected them, all variants
 */
public record AuditReport(Instant generatedAt,
                          String model,
                          String endpoint,
                          String format,
                          String claimText,
                          java.util.List<String> variants,
                          int prompts,
                          int sensitivePrompts,
                          int rephrasedPrompts,
                          long answers,
                          long missing,
                          Map<String, RateEstimate> byVariant,
                          Map<String, Map<String, RateEstimate>> byCategoryAndVariant,
                          GroupComparison sensitiveVsNeutral,
                          Map<String, GroupComparison> sensitiveVsNeutralByCategory,
                          GroupComparison promptClaimVsNone,
                          GroupComparison claimVsNone,
                          PairedComparison claimPaired,
                          GroupComparison structuredVsNone,
                          PairedComparison structuredPaired,
                          PairedComparison rephraseVsOriginal,
                          Map<String, Long> refusalsBySignal) {
}
