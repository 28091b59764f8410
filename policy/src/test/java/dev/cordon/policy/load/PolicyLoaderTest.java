package dev.cordon.policy.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.policy.model.Action;
import dev.cordon.policy.model.PolicyDocument;
import dev.cordon.policy.model.Protocol;
import dev.cordon.policy.testing.Fixtures;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyLoaderTest {
  private static final String HEAD =
      """
      gateways: [hq]
      segments:
        - name: cameras
          match: type=camera
        - name: thermostats
          match: type=thermostat
      services:
        - name: video
          gateway: hq
          address: 10.10.1.20
          protocol: tcp
          ports: [443]
      """;

  private static List<String> problems(String yaml) {
    return PolicyLoader.load(yaml).problems().stream().map(Problem::toString).toList();
  }

  @Test
  void theExamplePolicyLoadsWithoutProblems() {
    LoadResult r = PolicyLoader.load(Fixtures.resource("example-policy.yaml"));
    assertEquals(List.of(), r.problems());
    PolicyDocument doc = r.orThrow();
    assertEquals(4, doc.services().size());
    assertEquals(
        List.of("nobody-to-hr", "cams-to-video", "thermostats-to-hvac"),
        doc.rules().stream().map(x -> x.name()).toList());
    assertEquals(Action.DENY, doc.rules().getFirst().action());
    assertTrue(doc.rules().getFirst().fromAny());
    assertEquals(Protocol.TCP, doc.service("hvac").orElseThrow().protocol());
    assertEquals("quarantine", doc.quarantine().orElseThrow().segment());
    assertEquals("hq", doc.relay().orElseThrow().name());
    assertEquals(2, doc.playbooks().size());
  }

  @Test
  void aSegmentWithoutDevicesOrMatchLoadsForTokensToFill() {
    LoadResult r = PolicyLoader.load("version: 1\nsegments:\n  - name: cameras\n");
    assertEquals(List.of(), r.problems(), "members come from tokens naming the segment");
    assertEquals(
        Set.of(), r.orThrow().segments().getFirst().devices(), "no explicit devices listed");
  }

  @Test
  void aReferenceToAMissingSegmentNamesTheLineAndTheDefinedSegments() {
    String yaml =
        HEAD
            + """
            rules:
              - name: cams-to-video
                action: allow
                from: [camra]
                to: {services: [video]}
            """;
    assertEquals(
        List.of(
            "line 16, column 12: rule \"cams-to-video\" refers to segment \"camra\", which is not"
                + " defined; defined segments: cameras, thermostats"),
        problems(yaml));
  }

  @Test
  void missingServicesAndGatewaysAreReportedTogether() {
    String yaml =
        """
        gateways: [hq]
        segments:
          - name: cameras
            match: type=camera
        services:
          - name: video
            gateway: hqq
            address: 10.10.1.20
        rules:
          - name: r
            action: allow
            from: cameras
            to: {services: [vidoe]}
        """;
    assertEquals(
        List.of(
            "line 7, column 14: service \"video\" refers to gateway \"hqq\", which is not defined;"
                + " defined gateways: hq",
            "line 13, column 21: rule \"r\" refers to service \"vidoe\", which is not defined;"
                + " defined services: video"),
        problems(yaml));
  }

  @Test
  void anUnknownKeySuggestsTheClosestAllowedKey() {
    String yaml = HEAD + "rule: []\n";
    assertEquals(
        List.of(
            "line 13, column 1: unknown key \"rule\" in the policy document; did you mean"
                + " \"rules\"? allowed keys: version, gateways, segments, services, rules,"
                + " quarantine, playbooks"),
        problems(yaml));
  }

  @Test
  void aWrongTypeSaysWhatWasExpectedAndWhatWasFound() {
    String yaml =
        HEAD
            + """
            rules:
              - name: r
                action: allow
                from: [cameras]
                to: [video]
            """;
    assertEquals(
        List.of(
            "line 17, column 9: \"to\" of rule \"r\" must be a mapping of keys (services,"
                + " segments), not a list"),
        problems(yaml));
  }

  @Test
  void aBadPrefixIsExplainedWithAnExample() {
    String yaml =
        """
        gateways: [hq]
        services:
          - name: hr
            gateway: hq
            address: 10.10.2.1/24
          - name: db
            gateway: hq
            address: 10.10.300.1
        """;
    assertEquals(
        List.of(
            "line 5, column 14: service \"hr\" has a bad address \"10.10.2.1/24\": 10.10.2.1/24 has"
                + " host bits set; did you mean 10.10.2.0/24?; write an address such as 10.20.0.5"
                + " or a prefix such as 10.20.0.0/24",
            "line 8, column 14: service \"db\" has a bad address \"10.10.300.1\": \"10.10.300.1\""
                + " is not an IP address; write an address such as 10.20.0.5 or a prefix such as"
                + " 10.20.0.0/24"),
        problems(yaml));
  }

  @Test
  void badPortsAndReversedRangesAreEachReported() {
    String yaml =
        """
        gateways: [hq]
        services:
          - name: web
            gateway: hq
            address: 10.0.0.1
            protocol: tcp
            ports: [70000, 90-80, https]
        """;
    assertEquals(
        List.of(
            "line 7, column 13: service \"web\" has a bad port \"70000\": ports are 1-65535",
            "line 7, column 20: service \"web\" has a bad port \"90-80\": the range ends before it"
                + " starts; write 80-90",
            "line 7, column 27: service \"web\" has a bad port \"https\": write a port such as 443 or"
                + " a range such as 8000-8100"),
        problems(yaml));
  }

  @Test
  void duplicateNamesPointAtTheFirstDefinition() {
    String yaml =
        """
        gateways: [hq]
        segments:
          - name: cameras
            match: type=camera
          - name: cameras
            devices: [cam-9]
        """;
    assertEquals(
        List.of(
            "line 5, column 11: segment \"cameras\" is defined twice (first on line 3); give each"
                + " segment a unique name"),
        problems(yaml));
  }

  @Test
  void anAllowRuleCoveredByADenyRuleCanNeverMatch() {
    String yaml =
        HEAD
            + """
            rules:
              - name: no-video
                action: deny
                from: any
                to: {services: [video]}
              - name: cams-to-video
                action: allow
                from: [cameras]
                to: {services: [video]}
            """;
    assertEquals(
        List.of(
            "line 18, column 11: rule \"cams-to-video\" can never allow anything: deny rule"
                + " \"no-video\" (line 14) matches every flow it does and deny wins; narrow or"
                + " remove one of them"),
        problems(yaml));
  }

  @Test
  void aShadowedAllowRuleIsAWarningAndTheDocumentStillLoads() {
    String yaml =
        HEAD
            + """
            rules:
              - name: cams-to-video
                action: allow
                from: [cameras, thermostats]
                to: {services: [video]}
              - name: cams-to-video-tls
                action: allow
                from: [cameras]
                to: {services: [video]}
                ports: [443]
            """;
    LoadResult r = PolicyLoader.load(yaml);
    assertTrue(r.ok());
    assertEquals(
        List.of(
            "warning: line 18, column 11: rule \"cams-to-video-tls\" never decides anything: the"
                + " earlier rule \"cams-to-video\" (line 14) matches every flow it does; remove it"
                + " or narrow \"cams-to-video\""),
        r.problems().stream().map(Problem::toString).toList());
  }

  @Test
  void anAllowRulePartlyOverlappingADenyRuleIsAWarning() {
    String yaml =
        HEAD
            + """
            rules:
              - name: cams-to-video
                action: allow
                from: [cameras]
                to: {services: [video]}
              - name: no-late-video
                action: deny
                from: [cameras]
                to: {services: [video]}
                when:
                  time: {zone: UTC, days: [sat-sun], hours: "00:00-24:00"}
            """;
    LoadResult r = PolicyLoader.load(yaml);
    assertTrue(r.ok());
    assertEquals(
        List.of(
            "warning: line 14, column 11: rule \"cams-to-video\" overlaps deny rule"
                + " \"no-late-video\" (line 18); the deny wins where they overlap"),
        r.problems().stream().map(Problem::toString).toList());
  }

  @Test
  void aRuleWhoseProtocolTheServiceDoesNotSpeakCanNeverMatch() {
    String yaml =
        HEAD
            + """
            rules:
              - name: cams-udp
                action: allow
                from: [cameras]
                to: {services: [video]}
                protocol: udp
            """;
    assertEquals(
        List.of(
            "line 14, column 11: rule \"cams-udp\" can never match service \"video\": the rule is"
                + " for udp but the service is tcp; change the rule's protocol or ports, or remove"
                + " the service from it"),
        problems(yaml));
  }

  @Test
  void badConditionsAreEachExplained() {
    String yaml =
        HEAD
            + """
            rules:
              - name: r
                action: allow
                from: [cameras]
                to: {services: [video]}
                when:
                  posture:
                    firmware: {min: "3.0", below: "2.0"}
                    min_patch_level: last-tuesday
                  time:
                    zone: Mars/Olympus
                    days: [mon, funday]
                    hours: 8-18
            """;
    assertEquals(
        List.of(
            "line 20, column 19: \"firmware\" of rule \"r\": the range is empty: min 3.0 is not"
                + " below 2.0; min is inclusive and below exclusive",
            "line 21, column 26: \"min_patch_level\" of rule \"r\" must be a date such as"
                + " 2026-01-01, not \"last-tuesday\"",
            "line 23, column 15: \"zone\" of \"time\" of rule \"r\": \"Mars/Olympus\" is not a time"
                + " zone; write a name such as Europe/Berlin or UTC",
            "line 24, column 21: \"days\" of \"time\" of rule \"r\": \"funday\" is not a day; write"
                + " mon, tue, ... sun or a range such as mon-fri",
            "line 25, column 16: \"hours\" of \"time\" of rule \"r\": \"8-18\" is not a span of"
                + " hours; write HH:MM-HH:MM such as 08:00-18:00 (22:00-06:00 crosses midnight)"),
        problems(yaml));
  }

  @Test
  void duplicateKeysAndMissingRequiredKeysAreReported() {
    String yaml =
        """
        gateways: [hq]
        segments:
          - name: cams
            match: type=camera
            match: type=cam
        rules:
          - name: r
            from: [cams]
        """;
    assertEquals(
        List.of(
            "line 5, column 5: key \"match\" appears twice in segment \"cams\" (first on line 4); keep"
                + " one",
            "line 7, column 5: rule \"r\" is missing the key \"action\"",
            "line 7, column 5: rule \"r\" is missing the key \"to\""),
        problems(yaml));
  }

  @Test
  void aMisspeltKeyInsideARuleNamesTheRuleAndTheKeyItProbablyMeant() {
    String yaml =
        HEAD
            + """
            rules:
              - name: cams-to-video
                acton: allow
                from: [cameras]
                to: {services: [video]}
            """;
    assertEquals(
        List.of(
            "line 14, column 5: rule \"cams-to-video\" is missing the key \"action\"",
            "line 15, column 5: unknown key \"acton\" in rule \"cams-to-video\"; did you mean"
                + " \"action\"? allowed keys: name, action, from, to, protocol, ports, when"),
        problems(yaml));
  }

  @Test
  void aQuarantinePlaybookNeedsAQuarantineSegment() {
    String yaml =
        """
        gateways: [hq]
        playbooks:
          - name: isolate
            trigger: anomaly
            action: quarantine
        """;
    assertEquals(
        List.of(
            "line 3, column 11: playbook \"isolate\" quarantines devices but the document declares"
                + " no quarantine segment; add quarantine: {segment: <name>, reach: {services:"
                + " [...]}}"),
        problems(yaml));
  }

  @Test
  void brokenYamlIsOneProblemWithItsPosition() {
    List<Problem> p = PolicyLoader.load("gateways: [hq\nsegments: x\n").problems();
    assertEquals(1, p.size());
    assertTrue(p.getFirst().message().startsWith("the YAML cannot be read"), p.toString());
    assertEquals(2, p.getFirst().line());
  }

  @Test
  void anEmptyDocumentIsAnErrorAndOrThrowListsIt() {
    LoadResult r = PolicyLoader.load("");
    assertFalse(r.ok());
    PolicyException e = assertThrows(PolicyException.class, r::orThrow);
    assertEquals(1, e.problems().size());
    assertTrue(e.getMessage().contains("the document is empty"));
  }

  @Test
  void everyErrorInADocumentIsCollectedNotJustTheFirst() {
    String yaml =
        """
        gateways: [hq]
        segments:
          - name: a
            match: type
        services:
          - name: s
            gateway: nowhere
            address: 10.0.0.0/33
        rules:
          - name: r
            action: maybe
            from: [b]
            to: {services: [s]}
        """;
    assertEquals(5, PolicyLoader.load(yaml).errors().size(), problems(yaml).toString());
  }
}
