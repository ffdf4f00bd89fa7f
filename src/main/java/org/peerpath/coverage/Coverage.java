package org.peerpath.coverage;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.BehaviorInterceptor;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;
import org.apache.pekko.actor.typed.TypedActorContext;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Which (actor, behaviour, message type) transitions a run took, and which of those its actors'
 * protocols allow it never took: what the seeds or schedules did not reach. Off unless the system's
 * config says {@code peerpath.coverage.enabled = on}; then each behaviour an actor names with
 * {@link #state} counts the messages it receives, by type.
 *
 * <p>The messages an actor could receive are its protocol's: every record or class a sealed
 * protocol permits, through sealed sub-interfaces. A behaviour counts once it has been entered, so
 * "never taken" lists, for each behaviour an actor was in, the messages it never received there
 * (some of which no run can send it there: the list is what to look at, not a goal).
 */
public final class Coverage implements Extension {

  /** The config key that turns coverage on. */
  public static final String ENABLED = "peerpath.coverage.enabled";

  private static final ExtensionId<Coverage> ID =
      new ExtensionId<>() {
        @Override
        public Coverage createExtension(ActorSystem<?> system) {
          return new Coverage();
        }
      };

  private final Map<Transition, LongAdder> counts = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> messages = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> states = new ConcurrentHashMap<>();

  private Coverage() {}

  /** A user config that turns coverage on, to put before a system's other config. */
  public static Config on() {
    return ConfigFactory.parseMap(Map.of(ENABLED, true), "coverage on");
  }

  /** The coverage of {@code system} (one per system). */
  public static Coverage get(ActorSystem<?> system) {
    return ID.apply(system);
  }

  /**
   * {@code behavior}, which is behaviour {@code state} of an actor of kind {@code actor} speaking
   * {@code protocol}: counted when coverage is on, returned as it is otherwise.
   */
  public static <T> Behavior<T> state(
      ActorContext<?> ctx, String actor, Class<T> protocol, String state, Behavior<T> behavior) {
    // Read from the config first: a system that cannot hold extensions (BehaviorTestKit's stub)
    // still runs the behaviour, uncounted.
    var config = configOf(ctx.getSystem());
    if (!config.hasPath(ENABLED) || !config.getBoolean(ENABLED)) return behavior;
    Coverage c = get(ctx.getSystem());
    c.declare(actor, protocol, state);
    return Behaviors.intercept(() -> new Recorder<>(c, actor, state, protocol), behavior);
  }

  /**
   * The system's config, read from its classic side: a typed system's {@code settings()} makes new
   * settings at every call, and this runs at every change of behaviour. BehaviorTestKit's stub has
   * no classic side.
   */
  private static Config configOf(ActorSystem<?> system) {
    try {
      return Adapter.toClassic(system).settings().config();
    } catch (UnsupportedOperationException noClassicSide) {
      return system.settings().config();
    }
  }

  private void declare(String actor, Class<?> protocol, String state) {
    states.computeIfAbsent(actor, k -> ConcurrentHashMap.newKeySet()).add(state);
    messages.computeIfAbsent(
        actor,
        k -> {
          Set<String> all = ConcurrentHashMap.newKeySet();
          leaves(protocol, all);
          return all;
        });
  }

  /** Every concrete type a sealed protocol permits, by simple name. */
  private static void leaves(Class<?> type, Set<String> into) {
    Class<?>[] permitted = type.getPermittedSubclasses();
    if (permitted == null) {
      if (!type.isInterface()) into.add(type.getSimpleName());
      return;
    }
    for (Class<?> p : permitted) leaves(p, into);
  }

  void count(String actor, String state, Object message) {
    String type = message.getClass().getSimpleName();
    messages.computeIfAbsent(actor, k -> ConcurrentHashMap.newKeySet()).add(type);
    counts.computeIfAbsent(new Transition(actor, state, type), k -> new LongAdder()).increment();
  }

  /** What has been counted so far. */
  public Transitions snapshot() {
    Map<Transition, Long> taken = new TreeMap<>();
    counts.forEach((t, n) -> taken.put(t, n.sum()));
    List<Transition> never = new ArrayList<>();
    for (var e : new TreeMap<>(states).entrySet()) {
      for (String state : new TreeSet<>(e.getValue())) {
        for (String m : new TreeSet<>(messages.getOrDefault(e.getKey(), Set.of()))) {
          Transition t = new Transition(e.getKey(), state, m);
          if (!taken.containsKey(t)) never.add(t);
        }
      }
    }
    return new Transitions(taken, never);
  }

  /** Counts each message the wrapped behaviour receives under its actor and state. */
  private static final class Recorder<T> extends BehaviorInterceptor<T, T> {
    private final Coverage coverage;
    private final String actor;
    private final String state;

    Recorder(Coverage coverage, String actor, String state, Class<T> protocol) {
      super(protocol);
      this.coverage = coverage;
      this.actor = actor;
      this.state = state;
    }

    /**
     * A behaviour that enters another named state returns that state's recorder: Pekko then keeps
     * the new one in place of this one rather than nest it, so each message counts once, under the
     * state the actor is in.
     */
    @Override
    public boolean isSame(BehaviorInterceptor<Object, Object> other) {
      return other instanceof Recorder<?> r && r.coverage == coverage && r.actor.equals(actor);
    }

    @Override
    public Behavior<T> aroundReceive(TypedActorContext<T> ctx, T msg, ReceiveTarget<T> target) {
      coverage.count(actor, state, msg);
      return target.apply(ctx, msg);
    }
  }
}
