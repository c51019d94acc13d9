import dev.refusalguard.policies.*;
import dev.refusalguard.policies.model.*;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;

/**
 * One line per corpus text (JSON-string lines, from corpus.py): every output of the request analysis (category,
 * intent, intent score, claim, sensitive terms), the blended category and its confidence, the combined intent score,
 * the rules-only analysis, the category rule scores and prediction, the intent rule score, the hard cues and the
 * claim. Public API only, so the same program runs against any build:
 * {@code java -cp benchmarks/target/benchmarks.jar AnalysisDump.java corpus.jsonl out.txt}.
 */
public class AnalysisDump {
    public static void main(String[] a) throws Exception {
        ObjectMapper json = new ObjectMapper();
        RequestAnalyzer an = PolicyConfig.loadDefault().createAnalyzer();
        RequestAnalyzer rules = RequestAnalyzer.rulesOnly(SensitiveTermLexicon.loadDefault(), IntentThresholds.DEFAULT);
        BlendedCategoryModel blended = new BlendedCategoryModel(DefaultRequestModels.category(), new CategoryRules(),
                BlendedCategoryModel.DEFAULT_RULE_WEIGHT);
        CategoryRules cr = new CategoryRules();
        IntentRules ir = new IntentRules();
        CombinedIntentModel combined = new CombinedIntentModel(DefaultRequestModels.intent(), new IntentRules(),
                CombinedIntentModel.DEFAULT_RULE_OVERRIDE_AT);
        AuthorizationClaimDetector cd = new AuthorizationClaimDetector();
        HardOffensiveCues hc = new HardOffensiveCues();
        try (BufferedReader r = Files.newBufferedReader(Path.of(a[0]), StandardCharsets.UTF_8);
             PrintWriter w = new PrintWriter(Files.newBufferedWriter(Path.of(a[1]), StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                String t = json.readValue(line, String.class);
                RequestAnalysis x = an.analyze(t);
                RequestAnalysis y = rules.analyze(t);
                CategoryPrediction bp = t.isBlank() ? null : blended.predict(t);
                CategoryPrediction rp = cr.predict(t);
                StringBuilder b = new StringBuilder();
                b.append(n++).append('\t').append(x.category()).append(' ').append(x.intent()).append(' ')
                        .append(x.intentScore()).append(' ').append(x.authorizationClaim()).append(' ').append(x.sensitiveTerms())
                        .append("\tblended=").append(bp == null ? "-" : bp.category() + " " + bp.confidence())
                        .append("\tcombined=").append(combined.offensiveScore(t))
                        .append("\trules=").append(y.category()).append(' ').append(y.intent()).append(' ').append(y.intentScore())
                        .append("\tcatRules=").append(rp.category()).append(' ').append(rp.confidence()).append(' ').append(cr.scores(t))
                        .append("\tintentRules=").append(ir.offensiveScore(t)).append(' ').append(ir.hardOffensiveCues(t))
                        .append(' ').append(hc.find(t))
                        .append("\tclaim=").append(cd.claimPresent(t))
                        .append("\tterms=").append(an.rephraser().sensitiveTerms(t));
                w.println(b);
            }
        }
    }
}
