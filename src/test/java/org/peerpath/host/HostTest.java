package org.peerpath.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.Effect;
import org.apache.pekko.actor.testkit.typed.javadsl.BehaviorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestInbox;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;
import org.peerpath.command.CommandResult;
import org.peerpath.command.IoCommand;
import org.peerpath.command.Status;
import org.peerpath.fabric.Fabric;
import org.peerpath.fabric.LatencyModel;
import org.peerpath.history.History;
import org.peerpath.history.HistoryEvent;
import org.peerpath.history.HistoryEvent.Kind;
import org.peerpath.server.Server;

/** The host: which server each command goes to, refusals it makes itself, and what it records. */
class HostTest {
  /** The model clock of the host's history, moved on by {@link #runOutOfPatience}. */
  final java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong();

  final History history = new History(now::get, Integer.MAX_VALUE);
  final TestInbox<Server.Command> server1 = TestInbox.create();
  final TestInbox<Server.Command> server2 = TestInbox.create();
  final TestInbox<CommandResult> client = TestInbox.create();

  BehaviorTestKit<Host.Command> host(HostPolicy policy) {
    var servers =
        List.of(
            new Server.Peer("server-1", 0, server1.getRef()),
            new Server.Peer("server-2", 1, server2.getRef()));
    return BehaviorTestKit.create(
        Host.create(
            "host-1", servers, policy, new Fabric(LatencyModel.zero(), null, null), history));
  }

  /** Sends a read of {@code id}, letting the policy choose unless {@code server} is named. */
  static void send(
      BehaviorTestKit<Host.Command> host,
      String id,
      String server,
      TestInbox<CommandResult> client) {
    host.run(new Host.Send(IoCommand.read(id, 0, 1), server, client.getRef()));
  }

  void send(BehaviorTestKit<Host.Command> host, String id) {
    send(host, id, null, client);
  }

  /** The name of the server {@code id} was submitted to, checking it went to exactly one. */
  String whereWent(String id) {
    boolean at1 = server1.hasMessages();
    boolean at2 = server2.hasMessages();
    assertTrue(at1 ^ at2, "command " + id + " goes to exactly one server");
    Server.Submit submit = (Server.Submit) (at1 ? server1 : server2).receiveMessage();
    assertEquals(id, submit.command().id());
    assertEquals("host-1", submit.host());
    return at1 ? "server-1" : "server-2";
  }

  Server.Submit submitted(TestInbox<Server.Command> server, String id) {
    Server.Submit submit = (Server.Submit) server.receiveMessage();
    assertEquals(id, submit.command().id());
    return submit;
  }

  static CommandResult good(String id, String server) {
    return new CommandResult(
        id,
        Status.GOOD,
        "",
        ByteString.emptyByteString(),
        server,
        HistoryEvent.Path.DIRECT,
        "adapter-1",
        null,
        1);
  }

  /** A server answers through the reply reference it was given; the host then handles it. */
  static void reply(
      BehaviorTestKit<Host.Command> host, Server.Submit submit, CommandResult result) {
    submit.replyTo().tell(result);
    host.runOne();
  }

  List<HistoryEvent> events(Kind kind) {
    return history.events().stream().filter(e -> e.kind() == kind).toList();
  }

  @Test
  void roundRobinAlternatesBetweenTheServers() {
    var host = host(HostPolicy.ROUND_ROBIN);
    List<String> chosen = new java.util.ArrayList<>();
    for (String id : List.of("a", "b", "c", "d")) {
      send(host, id);
      chosen.add(whereWent(id));
    }
    assertEquals(List.of("server-1", "server-2", "server-1", "server-2"), chosen);
  }

  @Test
  void leastOutstandingChoosesTheServerWithFewestCommandsInFlight() {
    var host = host(HostPolicy.LEAST_OUTSTANDING);
    send(host, "a");
    assertEquals("server-1", whereWent("a"), "a tie goes to the first server");
    send(host, "b");
    assertEquals("server-2", whereWent("b"));
    send(host, "c");
    Server.Submit c = submitted(server1, "c");
    send(host, "d");
    Server.Submit d = submitted(server2, "d");
    // Two each; answering d leaves server-2 with one, so the next goes there, not to the first
    // server.
    reply(host, d, good("d", "server-2"));
    send(host, "e");
    assertEquals("server-2", whereWent("e"));
    // Now server-1 has a and c, server-2 b and e; answering c makes server-1 the less busy.
    reply(host, c, good("c", "server-1"));
    send(host, "f");
    assertEquals("server-1", whereWent("f"));
  }

  @Test
  void aCommandThatNamesItsServerGoesThereWhateverThePolicy() {
    var host = host(HostPolicy.ROUND_ROBIN);
    send(host, "a", "server-2", client);
    submitted(server2, "a");
    assertFalse(server1.hasMessages());
    send(host, "b");
    assertEquals("server-1", whereWent("b"), "a named server does not use up the policy's turn");
  }

  @Test
  void aCommandNamingAnUnknownServerIsABadRequestThatReachesNoServer() {
    var host = host(HostPolicy.ROUND_ROBIN);
    send(host, "a", "server-9", client);
    CommandResult refused = client.receiveMessage();
    assertEquals("a", refused.id());
    assertEquals(Status.BAD_REQUEST, refused.status());
    assertFalse(server1.hasMessages());
    assertFalse(server2.hasMessages());
    assertTrue(events(Kind.SUBMITTED).isEmpty());
  }

  @Test
  void aDuplicateIdInFlightIsABadRequestThatReachesNoServer() {
    var host = host(HostPolicy.ROUND_ROBIN);
    send(host, "a");
    Server.Submit first = submitted(server1, "a");
    TestInbox<CommandResult> other = TestInbox.create();
    send(host, "a", null, other);
    assertEquals(Status.BAD_REQUEST, other.receiveMessage().status());
    assertFalse(server1.hasMessages());
    assertFalse(server2.hasMessages());
    assertEquals(1, events(Kind.SUBMITTED).size());
    reply(host, first, good("a", "server-1"));
    assertEquals(
        good("a", "server-1"),
        client.receiveMessage(),
        "the first sender still gets its own answer");
    assertFalse(other.hasMessages());
  }

  @Test
  void anIdMayBeReusedOnceItsCommandHasBeenAnswered() {
    var host = host(HostPolicy.ROUND_ROBIN);
    send(host, "a");
    reply(host, submitted(server1, "a"), good("a", "server-1"));
    client.receiveMessage();
    send(host, "a");
    submitted(server2, "a");
  }

  @Test
  void everySendIsRecordedAsSubmittedAndEveryReplyAsReply() {
    var host = host(HostPolicy.ROUND_ROBIN);
    send(host, "a");
    send(host, "b");
    Server.Submit a = submitted(server1, "a");
    Server.Submit b = submitted(server2, "b");
    reply(host, b, CommandResult.refused("b", "server-2", Status.NO_PATH, "no adapter", 1));
    // A server with no path is not the last word while another server has not been asked: the
    // same command, with the same serial, goes there.
    Server.Submit bAgain = submitted(server1, "b");
    assertEquals(b.serial(), bAgain.serial());
    assertEquals(List.of("b"), events(Kind.RETRIED).stream().map(HistoryEvent::id).toList());
    reply(host, bAgain, CommandResult.refused("b", "server-1", Status.NO_PATH, "no adapter", 2));
    reply(host, a, good("a", "server-1"));

    List<HistoryEvent> submittedEvents = events(Kind.SUBMITTED);
    assertEquals(List.of("a", "b"), submittedEvents.stream().map(HistoryEvent::id).toList());
    assertEquals(
        List.of("server-1", "server-2"), submittedEvents.stream().map(HistoryEvent::peer).toList());
    assertTrue(submittedEvents.stream().allMatch(e -> "host-1".equals(e.node())));

    List<HistoryEvent> replies = events(Kind.REPLY);
    assertEquals(List.of("b", "a"), replies.stream().map(HistoryEvent::id).toList());
    assertEquals("NO_PATH", replies.get(0).status());
    assertEquals(2, replies.get(0).attempt());
    assertEquals("no adapter", replies.get(0).detail());
    assertEquals("GOOD", replies.get(1).status());
    assertEquals(HistoryEvent.Path.DIRECT, replies.get(1).path());
    assertEquals("adapter-1", replies.get(1).servedBy());

    assertEquals("b", client.receiveMessage().id());
    assertEquals("a", client.receiveMessage().id());
  }

  @Test
  void anUnexpectedSecondReplyIsRecordedAsSuchAndNotHandedOn() {
    var host = host(HostPolicy.ROUND_ROBIN);
    send(host, "a");
    Server.Submit a = submitted(server1, "a");
    reply(host, a, good("a", "server-1"));
    client.receiveMessage();
    reply(host, a, good("a", "server-1"));
    assertFalse(client.hasMessages(), "the client had its answer already");
    List<HistoryEvent> replies = events(Kind.REPLY);
    assertEquals(2, replies.size());
    assertEquals(null, replies.get(0).detail());
    assertTrue(replies.get(1).detail().startsWith("unexpected"), replies.get(1).detail());
  }

  // ---- whole-server faults: resends with the same id and serial ----

  static final Duration PATIENCE = Duration.ofMillis(100);

  /** A host that resends a command its server has not answered within {@link #PATIENCE}. */
  BehaviorTestKit<Host.Command> patientHost() {
    var servers =
        List.of(
            new Server.Peer("server-1", 0, server1.getRef()),
            new Server.Peer("server-2", 1, server2.getRef()));
    return BehaviorTestKit.create(
        Host.create(
            "host-1",
            servers,
            HostPolicy.ROUND_ROBIN,
            new Fabric(LatencyModel.zero(), null, null),
            history,
            PATIENCE));
  }

  /**
   * Runs the message of the last timer the host started for {@code id}, as if its time had come;
   * {@code delay} is what that timer was started for.
   */
  void fireTimer(BehaviorTestKit<Host.Command> host, String id, Duration delay) {
    Effect.TimerScheduled<?> last = null;
    for (Effect e : host.getAllEffects()) {
      if (e instanceof Effect.TimerScheduled<?> t && id.equals(t.key())) last = t;
      if (e instanceof Effect.TimerScheduled<?> t
          && t.msg().getClass().getSimpleName().equals("PatienceDue")) patienceTimer = t;
    }
    assertTrue(last != null, "a timer for " + id + " is running");
    assertEquals(delay.toNanos(), last.delay().toNanos(), "the timer's delay");
    host.run((Host.Command) last.msg());
  }

  /** The host's patience timer as last set and not yet run (reading effects takes them). */
  private Effect.TimerScheduled<?> patienceTimer;

  /** The host's patience timer as last set: one for the patience of all its sends. */
  Effect.TimerScheduled<?> patienceTimer(BehaviorTestKit<Host.Command> host) {
    for (Effect e : host.getAllEffects()) {
      if (e instanceof Effect.TimerScheduled<?> t
          && t.msg().getClass().getSimpleName().equals("PatienceDue")) patienceTimer = t;
    }
    assertTrue(patienceTimer != null, "the patience timer is running");
    return patienceTimer;
  }

  /** Moves the clock on by {@code advance} and runs the message of the host's patience timer. */
  void runOutOfPatience(BehaviorTestKit<Host.Command> host, Duration advance) {
    Effect.TimerScheduled<?> timer = patienceTimer(host);
    patienceTimer = null;
    now.addAndGet(advance.toNanos());
    host.run((Host.Command) timer.msg());
  }

  /**
   * Runs the short wait of {@code id}, answered BUSY after a resend: a sixty-fourth of the
   * patience, and an eighth of that more for serial 1 (the commands of a lost server come back
   * spread).
   */
  void waitOutBusy(BehaviorTestKit<Host.Command> host, String id) {
    Duration unit = PATIENCE.dividedBy(64);
    fireTimer(host, id, unit.plus(unit.dividedBy(8)));
  }

  /** Sends b to server-1, which answers NO_PATH, then to server-2, busy; waits that out. */
  BehaviorTestKit<Host.Command> noPathThenBusy() {
    var host = patientHost();
    send(host, "b", "server-1", client);
    reply(host, submitted(server1, "b"), answer("b", "server-1", Status.NO_PATH));
    reply(host, submitted(server2, "b"), answer("b", "server-2", Status.BUSY));
    waitOutBusy(host, "b");
    return host;
  }

  static CommandResult answer(String id, String server, Status status) {
    return CommandResult.refused(id, server, status, status.name(), 1);
  }

  @Test
  void aServerFoundUnreachableHasItsCommandResentToTheOtherWithTheSameSerial() {
    var host = patientHost();
    send(host, "a", "server-1", client);
    Server.Submit first = submitted(server1, "a");
    host.run(new Host.ServerUnreachable("server-1"));
    Server.Submit again = submitted(server2, "a");
    assertEquals(first.serial(), again.serial(), "a resend keeps the command's serial");
    assertEquals(first.command(), again.command());
    assertFalse(server1.hasMessages());
    assertFalse(client.hasMessages(), "nothing is answered yet");

    List<HistoryEvent> unreachable = events(Kind.UNREACHABLE);
    assertEquals(1, unreachable.size());
    assertEquals("server-1", unreachable.get(0).peer());
    List<HistoryEvent> retried = events(Kind.RETRIED);
    assertEquals(1, retried.size());
    assertEquals("a", retried.get(0).id());
    assertEquals("server-2", retried.get(0).peer());
    assertEquals(2, retried.get(0).attempt(), "the second send");
    assertTrue(
        retried.get(0).detail().contains("server-1 is unreachable"), retried.get(0).detail());

    reply(host, again, good("a", "server-2"));
    assertEquals(good("a", "server-2"), client.receiveMessage());
    // Commands sent while server-1 is unreachable go to server-2 from the start.
    send(host, "b", "server-1", client);
    submitted(server2, "b");
    assertFalse(server1.hasMessages());
  }

  @Test
  void aLateAnswerFromTheServerGivenUpOnIsNoSecondReply() {
    var host = patientHost();
    send(host, "a", "server-1", client);
    send(host, "b", "server-1", client);
    Server.Submit firstA = submitted(server1, "a");
    Server.Submit firstB = submitted(server1, "b");
    host.run(new Host.ServerUnreachable("server-1"));
    Server.Submit againA = submitted(server2, "a");
    Server.Submit againB = submitted(server2, "b");

    // server-1 was alive after all, only slow: its answer to a comes while server-2 holds a.
    reply(host, firstA, good("a", "server-1"));
    assertFalse(client.hasMessages(), "the server resent to answers, not the one given up on");
    assertTrue(events(Kind.REPLY).isEmpty());
    reply(host, againA, good("a", "server-2"));
    assertEquals(good("a", "server-2"), client.receiveMessage());
    // Its answer to b comes after server-2's.
    reply(host, againB, good("b", "server-2"));
    assertEquals(good("b", "server-2"), client.receiveMessage());
    reply(host, firstB, good("b", "server-1"));
    assertFalse(client.hasMessages(), "no second reply to the client");
    List<HistoryEvent> replies = events(Kind.REPLY);
    assertEquals(2, replies.size(), "one reply event each: " + replies);
    assertTrue(replies.stream().allMatch(e -> e.peer().equals("server-2")), replies.toString());
  }

  /**
   * A command resent away from a server and back to it is held there twice: the first answer is the
   * command's, the second a late one. A third answer of that server is one too many.
   */
  @Test
  void aServerSentTheCommandTwiceAnswersItOnceAndTheSecondAnswerIsLate() {
    var host = patientHost();
    send(host, "a", "server-2", client);
    Server.Submit first = submitted(server2, "a");
    host.run(new Host.ServerUnreachable("server-2"));
    Server.Submit toServer1 = submitted(server1, "a");
    host.run(new Host.ServerReachable("server-2"));
    host.run(new Host.ServerUnreachable("server-1"));
    Server.Submit again = submitted(server2, "a");

    reply(host, first, good("a", "server-2"));
    assertEquals(good("a", "server-2"), client.receiveMessage());
    reply(host, again, good("a", "server-2"));
    reply(host, toServer1, good("a", "server-1"));
    assertFalse(client.hasMessages(), "one answer to the client");
    assertEquals(1, events(Kind.REPLY).size(), events(Kind.REPLY).toString());

    reply(host, again, good("a", "server-2"));
    List<HistoryEvent> replies = events(Kind.REPLY);
    assertEquals(2, replies.size(), "a third answer of server-2 is recorded: " + replies);
    assertEquals("unexpected: no such command in flight", replies.get(1).detail());
  }

  @Test
  void aCommandUnansweredPastThePatienceIsResent() {
    var host = patientHost();
    send(host, "a", "server-1", client);
    Server.Submit first = submitted(server1, "a");
    assertEquals(PATIENCE.toNanos(), patienceTimer(host).delay().toNanos());
    runOutOfPatience(host, PATIENCE);
    Server.Submit again = submitted(server2, "a");
    assertEquals(first.serial(), again.serial());
    List<HistoryEvent> retried = events(Kind.RETRIED);
    assertEquals(1, retried.size());
    assertEquals("server-2", retried.get(0).peer());
    assertTrue(retried.get(0).detail().contains("did not answer"), retried.get(0).detail());
    assertTrue(events(Kind.UNREACHABLE).isEmpty(), "a late answer is not an unreachable server");
    reply(host, again, good("a", "server-2"));
    assertEquals(good("a", "server-2"), client.receiveMessage());
  }

  @Test
  void onlyTheSendsStillUnansweredAreResentWhenTheirPatienceRunsOut() {
    var host = patientHost();
    send(host, "a", "server-1", client);
    send(host, "b", "server-1", client);
    Server.Submit a = submitted(server1, "a");
    submitted(server1, "b");
    reply(host, a, good("a", "server-1"));
    assertEquals(good("a", "server-1"), client.receiveMessage());
    runOutOfPatience(host, PATIENCE);
    submitted(server2, "b");
    assertFalse(server1.hasMessages() || server2.hasMessages(), "a was answered: not resent");
    assertEquals(
        List.of("b"), events(Kind.RETRIED).stream().map(HistoryEvent::id).toList(), "one resend");
  }

  @Test
  void anIdSentAgainAfterItsAnswerWaitsItsOwnPatienceNotTheOldSends() {
    var host = patientHost();
    send(host, "a", "server-1", client);
    reply(host, submitted(server1, "a"), good("a", "server-1"));
    client.receiveMessage();
    now.addAndGet(PATIENCE.toNanos() / 2);
    send(host, "a", "server-1", client);
    submitted(server1, "a");
    // The first send's patience runs out now; the second send's is half a patience away.
    runOutOfPatience(host, PATIENCE.dividedBy(2));
    assertFalse(server1.hasMessages() || server2.hasMessages(), "the new send is not overdue");
    assertEquals(PATIENCE.dividedBy(2).toNanos(), patienceTimer(host).delay().toNanos());
    runOutOfPatience(host, PATIENCE.dividedBy(2));
    submitted(server2, "a");
  }

  @Test
  void aCommandNoServerAnswersEndsTimeoutAfterTheMostSends() {
    var host = patientHost();
    int most = Host.maxSends(2);
    send(host, "a", "server-1", client);
    List<String> sentTo = new java.util.ArrayList<>();
    long serial = submitted(server1, "a").serial();
    sentTo.add("server-1");
    for (int i = 1; i < most; i++) {
      runOutOfPatience(host, PATIENCE);
      boolean at1 = server1.hasMessages();
      Server.Submit s = submitted(at1 ? server1 : server2, "a");
      assertEquals(serial, s.serial());
      sentTo.add(at1 ? "server-1" : "server-2");
    }
    assertEquals(
        List.of("server-1", "server-2", "server-1", "server-2"),
        sentTo,
        "each server twice, taking turns");
    assertFalse(client.hasMessages());
    runOutOfPatience(host, PATIENCE);
    assertFalse(server1.hasMessages() || server2.hasMessages(), "no fifth send");
    CommandResult r = client.receiveMessage();
    assertEquals(Status.TIMEOUT, r.status());
    assertEquals(most, r.attempts());
    List<HistoryEvent> replies = events(Kind.REPLY);
    assertEquals(1, replies.size());
    assertEquals("TIMEOUT", replies.get(0).status());
    assertEquals(most - 1, events(Kind.RETRIED).size());
  }

  @Test
  void aHostThatRunsAgainNumbersItsCommandsAboveTheSerialBaseItIsGiven() {
    var servers = List.of(new Server.Peer("server-1", 0, server1.getRef()));
    var host =
        BehaviorTestKit.create(
            Host.create(
                "host-1",
                servers,
                HostPolicy.ROUND_ROBIN,
                new Fabric(LatencyModel.zero(), null, null),
                history,
                PATIENCE,
                1L << 40));
    send(host, "a", "server-1", client);
    // Not 1, which the host before it used: the disk would take this write for that one.
    assertEquals((1L << 40) + 1, submitted(server1, "a").serial());
  }

  @Test
  void aCommandSentWhenNoServerCanBeReachedEndsNoPathAtOnce() {
    var host = patientHost();
    host.run(new Host.ServerUnreachable("server-1"));
    host.run(new Host.ServerUnreachable("server-2"));
    send(host, "a", "server-1", client);
    assertFalse(server1.hasMessages(), "nothing is sent to a server out of reach");
    CommandResult r = client.receiveMessage();
    assertEquals(Status.NO_PATH, r.status());
    assertTrue(r.message().contains("no server can be reached"), r.message());
    assertEquals(List.of("a"), events(Kind.SUBMITTED).stream().map(HistoryEvent::id).toList());
    assertEquals(List.of("a"), events(Kind.REPLY).stream().map(HistoryEvent::id).toList());
  }

  @Test
  void busyForAResentCommandIsNotPassedOnButSentAgainLater() {
    var host = patientHost();
    send(host, "a", "server-1", client);
    submitted(server1, "a");
    host.run(new Host.ServerUnreachable("server-1"));
    host.run(new Host.ServerReachable("server-1"));
    Server.Submit again = submitted(server2, "a");
    reply(host, again, answer("a", "server-2", Status.BUSY));
    assertFalse(client.hasMessages(), "server-1 may have done it: BUSY is not the answer");
    assertTrue(events(Kind.REPLY).isEmpty());
    waitOutBusy(host, "a");
    Server.Submit third = submitted(server1, "a");
    assertEquals(again.serial(), third.serial());
    List<HistoryEvent> retried = events(Kind.RETRIED);
    assertEquals(2, retried.size());
    // The first resend was for a server lost; the second only for one busy: load, not a loss.
    assertEquals(
        List.of(false, true),
        retried.stream().map(e -> Host.resentForLoad(e.detail())).toList(),
        retried.toString());
    reply(host, third, good("a", "server-1"));
    assertEquals(good("a", "server-1"), client.receiveMessage());
  }

  @Test
  void aCommandOnceAnsweredBusyStillEndsTimeoutWhenNoServerAnswersAfterwards() {
    var host = patientHost();
    send(host, "a", "server-1", client);
    submitted(server1, "a");
    host.run(new Host.ServerUnreachable("server-1"));
    host.run(new Host.ServerReachable("server-1"));
    reply(host, submitted(server2, "a"), answer("a", "server-2", Status.BUSY));
    waitOutBusy(host, "a");
    submitted(server1, "a");
    // From here no server answers. Two sends were the host's own, one only waited out a full
    // server: two more, and the command ends TIMEOUT (it was taken for load for ever).
    for (int i = 0; i < 10 && !client.hasMessages(); i++) runOutOfPatience(host, PATIENCE);
    assertTrue(client.hasMessages(), "the command ended");
    CommandResult r = client.receiveMessage();
    assertEquals(Status.TIMEOUT, r.status(), r.message());
    assertEquals(Host.maxSends(2) + 1, r.attempts(), "four sends of its own and one after BUSY");
  }

  /**
   * NO_PATH is passed on only once every server the host can reach has answered it so: one that was
   * only busy still has a path. After the backoff the command goes back to the first server (it may
   * have a path again); answered NO_PATH there once more, it goes on to the busy one, not to the
   * client.
   */
  @Test
  void aCommandAnsweredNoPathWaitsOutABusyServerWithAPathInsteadOfEndingNoPath() {
    var host = noPathThenBusy();
    reply(host, submitted(server1, "b"), answer("b", "server-1", Status.NO_PATH));
    assertFalse(client.hasMessages(), "server-2 was only busy: it has a path");
    Server.Submit fourth = submitted(server2, "b");
    reply(host, fourth, good("b", "server-2"));
    assertEquals(good("b", "server-2"), client.receiveMessage());
  }

  /** A server that answered NO_PATH is asked again after a backoff: its path may be back. */
  @Test
  void aServerThatAnsweredNoPathIsAskedAgainAndMayServe() {
    var host = noPathThenBusy();
    reply(host, submitted(server1, "b"), good("b", "server-1"));
    assertEquals(good("b", "server-1"), client.receiveMessage());
  }

  /** A server answering NO_PATH again after the others did is no reason to ask them once more. */
  @Test
  void noPathFromEveryReachableServerIsPassedOn() {
    var host = patientHost();
    send(host, "b", "server-1", client);
    reply(host, submitted(server1, "b"), answer("b", "server-1", Status.NO_PATH));
    reply(host, submitted(server2, "b"), answer("b", "server-2", Status.NO_PATH));
    assertEquals(Status.NO_PATH, client.receiveMessage().status());
    assertFalse(server1.hasMessages() || server2.hasMessages());
  }

  @Test
  void busyForAFirstSendIsPassedOn() {
    var host = patientHost();
    send(host, "a", "server-1", client);
    reply(host, submitted(server1, "a"), answer("a", "server-1", Status.BUSY));
    assertEquals(Status.BUSY, client.receiveMessage().status(), "nothing was done anywhere");
    assertTrue(events(Kind.RETRIED).isEmpty());
  }

  @Test
  void withEveryServerUnreachableACommandEndsNoPath() {
    var host = patientHost();
    send(host, "a", "server-1", client);
    submitted(server1, "a");
    host.run(new Host.ServerUnreachable("server-1"));
    submitted(server2, "a");
    host.run(new Host.ServerUnreachable("server-2"));
    CommandResult r = client.receiveMessage();
    assertEquals(Status.NO_PATH, r.status());
    assertTrue(r.message().contains("no server can be reached"), r.message());
    assertFalse(server1.hasMessages() || server2.hasMessages());
    List<HistoryEvent> replies = events(Kind.REPLY);
    assertEquals(1, replies.size());
    assertEquals("NO_PATH", replies.get(0).status());
  }
}
