package org.peerpath.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PresetsTest {
  private final Presets presets = Presets.load();

  @Test
  void everyPresetInReferenceConfIsDescribedAndWithinItsLimits() {
    List<String> names = presets.all().stream().map(Presets.Preset::name).toList();
    assertTrue(names.containsAll(List.of("optane", "nand")), names.toString());
    assertTrue(names.size() >= 3, "at least one preset where the patent's approach loses");
    for (Presets.Preset p : presets.all()) {
      assertFalse(p.description().isBlank(), p.name());
      ExperimentSettings s = ExperimentSettings.from(p.name(), p.settings());
      assertEquals(p.name(), s.preset());
    }
    assertEquals("optane", presets.defaultName());
  }

  @Test
  void aPresetChangesOnlyWhatItNamesAndASetChangesOneValueMore() {
    ExperimentSettings optane = settings("optane", Map.of());
    ExperimentSettings nand = settings("nand", Map.of());
    assertEquals(10_000, optane.diskReadTime());
    assertEquals(80_000, nand.diskReadTime());
    assertEquals(optane.cacheBlocks(), nand.cacheBlocks(), "both from base");
    ExperimentSettings slower = settings("optane", Map.of("server-link.latency", "2us"));
    assertEquals(2_000, slower.serverLinkLatency());
    assertEquals(optane.diskReadTime(), slower.diskReadTime());
  }

  @Test
  void anUnknownPresetIsRefusedNamingThoseThereAre() {
    var e = assertThrows(IllegalArgumentException.class, () -> presets.named("sata", Map.of()));
    assertTrue(e.getMessage().startsWith("no preset 'sata'; there are: "), e.getMessage());
    assertTrue(e.getMessage().contains("nand, optane"), e.getMessage());
  }

  @Test
  void anUnknownOrIncompleteSettingIsRefused() {
    for (String key : List.of("disk.speed", "disk", "description")) {
      var e =
          assertThrows(
              IllegalArgumentException.class, () -> presets.named("optane", Map.of(key, "1")));
      assertTrue(e.getMessage().startsWith("no setting '" + key + "'"), e.getMessage());
    }
  }

  @Test
  void valuesOutsideTheirLimitsAreRefusedNamingTheSettingAndWhatItTakes() {
    Map<String, String> cases =
        Map.of(
            "disk.channels", "preset optane: disk.channels must be 1..4096, not 0",
            "workload.locality", "preset optane: workload.locality must be 0..1, not 1.5",
            "disk.read-time", "preset optane: disk.read-time must be a duration such as 10us",
            "server.cache-blocks", "preset optane: server.cache-blocks must be 0..4194304, not -1",
            "timeline.repair-at", "preset optane: the timeline must run warmup <= fail-at");
    Map<String, String> values =
        Map.of(
            "disk.channels", "0",
            "workload.locality", "1.5",
            "disk.read-time", "soon",
            "server.cache-blocks", "-1",
            "timeline.repair-at", "50ms");
    for (var c : cases.entrySet()) {
      var e =
          assertThrows(
              IllegalArgumentException.class,
              () -> settings("optane", Map.of(c.getKey(), values.get(c.getKey()))));
      assertTrue(e.getMessage().startsWith(c.getValue()), e.getMessage());
    }
  }

  private ExperimentSettings settings(String name, Map<String, String> overrides) {
    Presets.Preset p = presets.named(name, overrides);
    return ExperimentSettings.from(p.name(), p.settings());
  }
}
