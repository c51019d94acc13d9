package dev.refusalguard.proxy.bias;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SvgBarChartTest {

    @Test
    void rateAxisEndsAtTheNextTenPercentWithRoundTicks() {
        String svg = new SvgBarChart("rates", List.of("a"), true)
                .addRate("x", 0, RateEstimate.of(30, 100))
                .render();
        // Wilson upper bound of 30/100 is 39.6%: axis 0..40% in 10% ticks
        assertThat(svg).contains(">0%<", ">10%<", ">40%<").doesNotContain(">50%<", ">16%<");
    }

    @Test
    void barsHaveWhiskersTitlesAndLabels() {
        String svg = new SvgBarChart("rates", List.of("sensitive", "neutral"), true)
                .addRate("all", 0, RateEstimate.of(305, 1000))
                .addRate("all", 1, RateEstimate.of(112, 1000))
                .render();
        assertThat(svg).startsWith("<svg").contains("30.5% (305/1000)", "11.2% (112/1000)", "95% CI [27.7%, 33.4%]");
        assertThat(svg.split("<g stroke=", -1)).hasSize(3); // one whisker per bar
    }

    @Test
    void missingValuesDrawNoDataInsteadOfABar() {
        String svg = new SvgBarChart("rates", List.of("a"), true).addRate("empty", 0, RateEstimate.of(0, 0)).render();
        assertThat(svg).contains("no data").doesNotContain("height=\"14\""); // bars are 14 high, the legend 12
    }

    @Test
    void ratioChartsMarkOneWithADashedLine() {
        String svg = new SvgBarChart("ratios", List.of("ratio"), false)
                .add("sensitive/neutral", 0, 2.72, new ConfidenceInterval(2.23, 3.32), "2.72x")
                .render();
        assertThat(svg).contains("stroke-dasharray", ">4.00<");
    }

    @Test
    void labelsAreEscaped() {
        String svg = new SvgBarChart("a<b", List.of("s&p"), true).addRate("<script>", 0, RateEstimate.of(1, 2)).render();
        assertThat(svg).doesNotContain("<script>", "a<b").contains("&lt;script&gt;", "s&amp;p");
    }

    @Test
    void seriesIndexOutsideTheLegendIsRejected() {
        assertThatThrownBy(() -> new SvgBarChart("a", List.of("one"), true).add("g", 1, 0.5, null, "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
