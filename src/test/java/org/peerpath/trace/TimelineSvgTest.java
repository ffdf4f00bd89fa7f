package org.peerpath.trace;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The timeline picture: each message an arrow from sent to arrived, so the notice is seen to
 * overtake the CSW.
 */
class TimelineSvgTest {

  /** The y at which the arrow drawn just before {@code label} ends. */
  static int arrivalY(String svg, String label) {
    Matcher m =
        Pattern.compile(
                "<line [^>]*y2=\"(\\d+)\"[^>]*/>\\s*<text [^>]*>"
                    + Pattern.quote(label)
                    + "</text>")
            .matcher(svg);
    assertTrue(m.find(), "an arrow labelled " + label);
    return Integer.parseInt(m.group(1));
  }

  @Test
  void theNoticeArrowReachesTheOriginBeforeTheCswArrow() {
    ReplayReport r =
        Replay.run(TraceReader.readResource("peerpath/examples/notice-overtakes-csw.jsonl"));
    String svg = TimelineSvg.render(r.history(), r.settings().latency(), "w1");
    assertTrue(svg.startsWith("<svg"));
    int notice = arrivalY(svg, "w1 notice");
    int csw = arrivalY(svg, "w1 csw");
    int reply = arrivalY(svg, "w1 reply GOOD (notice-first)");
    assertTrue(notice < csw, "notice at y=" + notice + " before csw at y=" + csw);
    assertTrue(csw <= reply, "the reply comes after both");
    assertTrue(!svg.contains("r1 "), "only w1's journey is drawn");
  }
}
