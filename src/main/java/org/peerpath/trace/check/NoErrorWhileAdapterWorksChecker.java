package org.peerpath.trace.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.peerpath.command.Elements;
import org.peerpath.command.Status;
import org.peerpath.history.Durations;
import org.peerpath.history.HistoryEvent;
import org.peerpath.subsystem.SubsystemSettings;

/**
 * Checks the patent's promise (claims 1-3): an adapter failure shows the host no error while
 * another adapter works, as far as the configuration leaves a command time to be taken off the
 * failed adapter and re-driven. As trace-v1 states it, no error while a path exists, it holds
 * whether the failure fell inside the command's life or before it: what a failure left behind must
 * not fail a later command either. Only NO_PATH and TIMEOUT count as errors here; BAD_REQUEST, BUSY
 * and MEDIUM_ERROR speak of the command, the load or the disk, not of paths, and so does a TIMEOUT
 * the host gave a resent command that met only full servers ({@link
 * org.peerpath.host.Host#endedForLoad}): never admitted, it failed under load.
 *
 * <p>"Working" is the ground truth of the adapters, not a server's belief: an adapter stops working
 * when a fault takes hold of it ({@code adapter-failed}) and works again when a new incarnation
 * starts ({@code incarnated}). Take a command its host submitted at S to server o, which has it
 * after the host-to-server latency, at A, so that its deadline passes at E = A + deadline; its
 * reply reached the host at R. Let W = [S - news, R], where news ({@code newsNanos}) is the time a
 * server may take to hear that an adapter works again. The reply breaks the promise when all of
 * these hold:
 *
 * <ol>
 *   <li>its status is NO_PATH or TIMEOUT;
 *   <li>some adapter worked at every instant of W;
 *   <li>the watchdog can tell a working adapter from a hung one: every server's health check to its
 *       adapter has a round trip shorter than the watchdog (otherwise it gives up on adapters that
 *       work);
 *   <li>for a TIMEOUT, the deadline left the command time: N &lt; E, where N is the latest the
 *       model may take to answer it ({@link RedriveTimes} computes each term from the settings). If
 *       o's own adapter worked, and no cut kept o from the disk, at every instant of W, the command
 *       stays on its direct path and only new incarnations of that adapter can move it: the paths
 *       are that one, and the changes those incarnations. Otherwise (a server cut off from the disk
 *       gives its adapter up, working or not) the paths are every adapter that worked at some
 *       instant of W (direct for o's own, peer for the others) and the changes every fault and
 *       every new incarnation (after the first, epoch 1) of any adapter up to R. Each change at t
 *       is acted on by o at t + the time o needs to learn of it; t* is the latest of these. N = A +
 *       the slowest attempt on the paths if t* &lt; A, and t* + fencing + the slowest attempt
 *       otherwise (acted on at A itself, the change may come after the command).
 * </ol>
 *
 * So a deadline shorter than hang detection (2 x watchdog) leaves a command that met a hang no
 * time, and a deadline shorter than the slowest path that could serve it leaves any command none:
 * such a command is judged by its trace's expectations alone. A NO_PATH is never the deadline's
 * doing, so it is judged whatever the deadline.
 *
 * <p>With trace-v1's whole-server faults the rule reads "no error while a path exists": a server's
 * crash stops its adapter from the {@code server-down} to the {@code server-up}; an adapter is a
 * witness only if, besides working, its server was cut off neither from the command's host nor from
 * the disk at any instant of W. A crash or a cut is acted on {@code unreachable-after} and a trip
 * later, a cut counted from the latest start, up to R, of a new incarnation of a node on either
 * side inside it if there is one, since that incarnation's failure detector starts with it. S and A
 * are those of the host's last send of the command (its {@code retried}, if it resent it), since
 * that server's deadline is the one that ended it. A cut healed no later than {@code
 * unreachable-after} after it began is noticed by no one (healed at that very instant, it no longer
 * holds when the failure detector would judge it), so what it lost is found only by the command's
 * deadline: a command that lived through one is judged by its expectations alone. So is a command
 * that lived through a cut whose side came back as a new incarnation no more than {@code
 * unreachable-after} before the heal: that incarnation's failure detector starts with it, and never
 * noticed the cut either.
 */
public final class NoErrorWhileAdapterWorksChecker {
  public static final String NAME = "no-error-while-an-adapter-works";

  private NoErrorWhileAdapterWorksChecker() {}

  /** When one adapter worked: the state from each change on, and the instants faults took hold. */
  private static final class Timeline {
    final TreeMap<Long, Boolean> states = new TreeMap<>(Map.of(Long.MIN_VALUE, true));
    final TreeSet<Long> faults = new TreeSet<>();

    void failed(long at) {
      states.put(at, false);
      faults.add(at);
    }

    void incarnated(long at) {
      states.put(at, true);
    }

    /** A fault and a repair at one instant still leave the adapter down at that instant. */
    boolean workedThroughout(long from, long to) {
      return states.floorEntry(from).getValue() && faults.subSet(from, true, to, true).isEmpty();
    }

    boolean workedAtSomeInstant(long from, long to) {
      return states.floorEntry(from).getValue()
          || states.subMap(from, false, to, true).containsValue(true);
    }
  }

  /**
   * A fault taking hold of adapter {@code adapter} ({@code mode} its wire name), or a new
   * incarnation ({@code mode} null).
   */
  private record Change(long at, int adapter, String mode) {}

  /** A cut between two nodes, from {@code from} until {@code to} (MAX_VALUE: never healed). */
  private record Cut(String a, String b, long from, long to) {
    boolean separates(String x, String y) {
      return (a.equals(x) && b.equals(y)) || (a.equals(y) && b.equals(x));
    }

    boolean overlaps(long s, long e) {
      return from <= e && to >= s;
    }
  }

  /** How a crash is written among the changes: acted on once it is noticed. */
  private static final String NOTICED = "noticed";

  public static List<Violation> check(
      List<HistoryEvent> history, SubsystemSettings settings, long newsNanos) {
    int adapters = settings.servers();
    Timeline[] timelines = new Timeline[adapters + 1];
    for (int i = 1; i <= adapters; i++) timelines[i] = new Timeline();
    List<Change> changes = new ArrayList<>();
    Map<String, HistoryEvent> submitted = new HashMap<>();
    Map<String, HistoryEvent> lastSent = new HashMap<>();
    List<HistoryEvent> errors = new ArrayList<>();
    List<Cut> cuts = new ArrayList<>();
    Map<String, List<long[]>> open = new HashMap<>();
    Map<String, TreeSet<Long>> nodeStarts = new HashMap<>();
    for (HistoryEvent e : history) {
      switch (e.kind()) {
        case SERVER_DOWN -> {
          int i = index(e.node(), Elements.SERVER_PREFIX, adapters);
          if (i > 0) {
            timelines[i].failed(e.atNanos());
            changes.add(new Change(e.atNanos(), i, NOTICED));
          }
        }
        case SERVER_UP -> {
          int i = index(e.node(), Elements.SERVER_PREFIX, adapters);
          if (i > 0) {
            timelines[i].incarnated(e.atNanos());
            changes.add(new Change(e.atNanos(), i, null));
            nodeStarts.computeIfAbsent(e.node(), k -> new TreeSet<>()).add(e.atNanos());
          }
        }
        case PARTITIONED ->
            open.computeIfAbsent(pairKey(e.node(), e.peer()), k -> new ArrayList<>())
                .add(new long[] {e.atNanos()});
        case HEALED -> {
          List<long[]> starts = open.get(pairKey(e.node(), e.peer()));
          if (starts != null && !starts.isEmpty()) {
            cuts.add(new Cut(e.node(), e.peer(), starts.remove(0)[0], e.atNanos()));
          }
        }
        case RETRIED -> lastSent.put(e.id(), e);
        case ADAPTER_FAILED -> {
          int i = index(e.node(), Elements.ADAPTER_PREFIX, adapters);
          if (i > 0) {
            timelines[i].failed(e.atNanos());
            changes.add(new Change(e.atNanos(), i, e.detail()));
          }
        }
        case INCARNATED -> {
          int i = index(e.node(), Elements.ADAPTER_PREFIX, adapters);
          if (i > 0) {
            timelines[i].incarnated(e.atNanos());
            if (e.epoch() == null || e.epoch() > 1) changes.add(new Change(e.atNanos(), i, null));
          }
        }
        case SUBMITTED -> {
          submitted.putIfAbsent(e.id(), e);
          lastSent.putIfAbsent(e.id(), e);
        }
        case REPLY -> {
          if (Status.NO_PATH.name().equals(e.status())
              || (Status.TIMEOUT.name().equals(e.status())
                  && !org.peerpath.host.Host.endedForLoad(e.detail()))) errors.add(e);
        }
        default -> {}
      }
    }
    if (errors.isEmpty()) return List.of();
    for (var e : open.entrySet()) {
      String[] nodes = e.getKey().split("\\|", 2);
      for (long[] start : e.getValue())
        cuts.add(new Cut(nodes[0], nodes[1], start[0], Long.MAX_VALUE));
    }
    var times = new RedriveTimes(settings);
    if (!times.healthChecksInsideWatchdog()) return List.of();
    var judge = new Judge(settings, times, timelines, changes, merged(cuts), nodeStarts, newsNanos);
    List<Violation> out = new ArrayList<>();
    for (HistoryEvent reply : errors) {
      HistoryEvent submit = submitted.get(reply.id());
      HistoryEvent last = lastSent.get(reply.id());
      int origin = last == null ? -1 : index(last.peer(), Elements.SERVER_PREFIX, adapters);
      if (origin > 0) {
        String broken = judge.broken(reply, submit, last, origin);
        if (broken != null) out.add(new Violation(NAME, broken));
      }
    }
    return out;
  }

  /**
   * The cuts of each pair of nodes, those that overlap made one: the failure detector judges a
   * pair, which stays cut while any of its cuts holds, so a short cut inside a longer one is
   * noticed with it. Cuts that only touch (one heals as the next begins) stay two: the detector
   * counts the second down afresh.
   */
  private static List<Cut> merged(List<Cut> cuts) {
    Map<String, List<Cut>> byPair = new java.util.LinkedHashMap<>();
    for (Cut c : cuts) byPair.computeIfAbsent(pairKey(c.a(), c.b()), k -> new ArrayList<>()).add(c);
    List<Cut> out = new ArrayList<>();
    for (List<Cut> pair : byPair.values()) {
      pair.sort(java.util.Comparator.comparingLong(Cut::from));
      Cut run = pair.get(0);
      for (Cut c : pair.subList(1, pair.size())) {
        if (c.from() < run.to()) {
          run = new Cut(run.a(), run.b(), run.from(), Math.max(run.to(), c.to()));
        } else {
          out.add(run);
          run = c;
        }
      }
      out.add(run);
    }
    return out;
  }

  private static String pairKey(String a, String b) {
    return a.compareTo(b) <= 0 ? a + "|" + b : b + "|" + a;
  }

  /** Judges one command by the rule above, knowing the run's adapters. */
  private record Judge(
      SubsystemSettings settings,
      RedriveTimes times,
      Timeline[] timelines,
      List<Change> changes,
      List<Cut> cuts,
      Map<String, TreeSet<Long>> nodeStarts,
      long newsNanos) {

    /**
     * What the reply broke, or null if it broke nothing; {@code last} is the host's last send of
     * the command (its submission, or its last resend), to server {@code origin}.
     */
    String broken(HistoryEvent reply, HistoryEvent submit, HistoryEvent last, int origin) {
      long from = submit.atNanos() - newsNanos;
      long to = reply.atNanos();
      String host = submit.node();
      int witness = 0;
      for (Cut c : cuts) {
        if (!c.overlaps(from, to)) continue;
        // Unnoticed, it may have lost what the command needed, if it lies on the command's way:
        // its host, the servers, the disk (a cut between two other hosts does not).
        boolean onItsWay =
            c.a().equals(host)
                || c.b().equals(host)
                || (!c.a().startsWith(Elements.HOST_PREFIX)
                    && !c.b().startsWith(Elements.HOST_PREFIX));
        // A cut that held for exactly unreachable-after is unnoticed too: its heal and the
        // failure detector's verdict fall on one instant, and the cut no longer holds then.
        if (onItsWay && c.to() - noticedFrom(c, c.to()) <= settings.unreachableAfter().toNanos())
          return null;
      }
      for (int i = 1; i < timelines.length && witness == 0; i++) {
        if (timelines[i].workedThroughout(from, to) && reachableThroughout(host, i, from, to)) {
          witness = i;
        }
      }
      if (witness == 0) return null;
      String what =
          "command "
              + reply.id()
              + " ended "
              + reply.status()
              + " at "
              + reply.at()
              + " although adapter-"
              + witness
              + " worked throughout";
      if (Status.NO_PATH.name().equals(reply.status())) return what;
      long arrived = last.atNanos() + times.latency(host, last.peer());
      long deadlinePassed = arrived + settings.deadline().toNanos();
      long needed = needed(origin, arrived, from, to);
      if (needed >= deadlinePassed) return null;
      return what
          + ", and its deadline (passed at "
          + Durations.format(deadlinePassed)
          + ") left time: it needed an answer by "
          + Durations.format(needed)
          + " at the latest";
    }

    /**
     * From when cut {@code c} can be noticed, as far as is known at {@code by}: its start, or the
     * latest start of a new incarnation of a node on either side while it held, up to {@code by},
     * since a node that starts inside a cut has a failure detector of its own to run down from
     * then.
     */
    long noticedFrom(Cut c, long by) {
      long from = c.from();
      for (String side : List.of(c.a(), c.b())) {
        TreeSet<Long> starts = nodeStarts.get(Elements.nodeOf(side));
        Long last = starts == null ? null : starts.floor(Math.min(c.to(), by));
        if (last != null && last > from) from = last;
      }
      return from;
    }

    /**
     * Whether server {@code i}'s node was cut off from neither {@code host} nor the disk at any
     * instant of [from, to].
     */
    boolean reachableThroughout(String host, int i, long from, long to) {
      String server = Elements.server(i);
      return !cutOff(server, host, from, to) && !cutOff(server, Elements.DISK, from, to);
    }

    /** Whether a cut separated {@code a} from {@code b} at some instant of [from, to]. */
    boolean cutOff(String a, String b, long from, long to) {
      for (Cut c : cuts) if (c.overlaps(from, to) && c.separates(a, b)) return true;
      return false;
    }

    /**
     * N of the rule: the latest the model may take to answer a command of {@code origin} that it
     * has from {@code arrived} on.
     */
    long needed(int origin, long arrived, long from, long to) {
      boolean direct =
          timelines[origin].workedThroughout(from, to)
              && !cutOff(Elements.server(origin), Elements.DISK, from, to);
      long slowest = 0;
      for (int i = 1; i < timelines.length; i++) {
        if (direct ? i == origin : timelines[i].workedAtSomeInstant(from, to)) {
          slowest = Math.max(slowest, times.attempt(origin, i));
        }
      }
      long acted = Long.MIN_VALUE;
      long noticed =
          settings.unreachableAfter().toNanos() + 2 * settings.longestLatency().toNanos();
      for (Cut c : cuts) {
        // Told unreachable-after after the failure detector that notices it started, then a trip.
        if (c.from() <= to) acted = Math.max(acted, noticedFrom(c, to) + noticed);
      }
      for (Change c : changes) {
        if (c.at() > to) continue;
        if (NOTICED.equals(c.mode())) {
          // A crash: told unreachable-after later, then a trip to act.
          acted = Math.max(acted, c.at() + noticed);
          continue;
        }
        if (direct && (c.adapter() != origin || c.mode() != null)) continue;
        long learn =
            c.mode() == null
                ? (c.adapter() > 0 ? times.learnOfIncarnation(c.adapter(), origin) : 0)
                : times.learnOfFault(c.mode(), c.adapter(), origin);
        acted = Math.max(acted, c.at() + learn);
      }
      // A change acted on at the very instant the command arrives may come after it (two messages
      // at one instant arrive in the order they were sent): the command is set up, then re-driven.
      return acted < arrived ? arrived + slowest : acted + times.fence(origin) + slowest;
    }
  }

  /** The N of {@code prefix}N, if it names one of {@code count} elements; else -1. */
  private static int index(String name, String prefix, int count) {
    int i = name == null ? -1 : Elements.index(name, prefix);
    return i <= count ? i : -1;
  }
}
