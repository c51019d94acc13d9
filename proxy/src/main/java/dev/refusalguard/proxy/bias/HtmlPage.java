package dev.refusalguard.proxy.bias;

import java.util.List;

/** A minimal self-contained HTML document: inline CSS, no scripts, no external assets. */
public final class HtmlPage {

    private static final String STYLE = """
            body{font-family:sans-serif;margin:24px;color:#222;max-width:1100px}
            h1{font-size:22px;margin-bottom:4px}h2{font-size:18px;margin-top:32px;border-bottom:1px solid #ccc}
            h3{font-size:15px;margin-top:20px}
            .meta{color:#666;font-size:13px}
            table{border-collapse:collapse;margin:8px 0 16px;font-size:13px}
            th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}
            th{background:#f3f3f3}td.num{text-align:right;font-variant-numeric:tabular-nums}
            .cards{display:flex;flex-wrap:wrap;gap:12px;margin:12px 0}
            .card{border:1px solid #ccc;border-radius:6px;padding:10px 14px;min-width:220px}
            .card .big{font-size:22px;font-weight:bold}
            .card .small{font-size:12px;color:#555}
            .note{font-size:12px;color:#555;max-width:900px}
            svg{display:block;margin:8px 0 16px}
            """;

    private final StringBuilder body = new StringBuilder(16_384);
    private final String title;

    public HtmlPage(String title) {
        this.title = title;
    }

    public HtmlPage heading(int level, String text) {
        body.append("<h").append(level).append('>').append(Format.escape(text)).append("</h").append(level).append(">\n");
        return this;
    }

    public HtmlPage paragraph(String cssClass, String text) {
        body.append("<p class=\"").append(cssClass).append("\">").append(Format.escape(text)).append("</p>\n");
        return this;
    }

    /** Summary cards: each is {title, big value, small detail}. */
    public HtmlPage cards(List<String[]> cards) {
        body.append("<div class=\"cards\">\n");
        for (String[] card : cards) {
            body.append("<div class=\"card\"><div class=\"small\">").append(Format.escape(card[0]))
                    .append("</div><div class=\"big\">").append(Format.escape(card[1]))
                    .append("</div><div class=\"small\">").append(Format.escape(card[2])).append("</div></div>\n");
        }
        body.append("</div>\n");
        return this;
    }

    /** A table; cells that look numeric are right-aligned. */
    public HtmlPage table(List<String> headers, List<List<String>> rows) {
        body.append("<table>\n<tr>");
        for (String header : headers) {
            body.append("<th>").append(Format.escape(header)).append("</th>");
        }
        body.append("</tr>\n");
        for (List<String> row : rows) {
            body.append("<tr>");
            for (String cell : row) {
                boolean numeric = !cell.isEmpty() && (Character.isDigit(cell.charAt(0)) || cell.startsWith("–"));
                body.append(numeric ? "<td class=\"num\">" : "<td>").append(Format.escape(cell)).append("</td>");
            }
            body.append("</tr>\n");
        }
        body.append("</table>\n");
        return this;
    }

    public HtmlPage chart(SvgBarChart chart) {
        if (!chart.isEmpty()) {
            body.append(chart.render());
        }
        return this;
    }

    public String render() {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + Format.escape(title)
                + "</title>\n<style>\n" + STYLE + "</style>\n</head>\n<body>\n<h1>" + Format.escape(title) + "</h1>\n"
                + body + "</body>\n</html>\n";
    }
}
