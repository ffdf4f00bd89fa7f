package org.peerpath.testkit;

import static org.junit.platform.commons.support.AnnotationSupport.findAnnotation;
import static org.junit.platform.commons.support.AnnotationSupport.isAnnotated;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.opentest4j.TestAbortedException;
import org.peerpath.runtime.Schedule;

/**
 * JUnit 5's way in to the virtual-time testkit. It gives a test method that takes a {@link
 * VirtualTimeKit} a fresh one, and closes it after the test: under FIFO with the runtime's default
 * settings, or under the schedule of a {@link ReplaySchedule}; and it runs an {@link Explore} test
 * once per schedule. {@link VirtualTimeTest}, {@code @Explore} and {@code @ReplaySchedule} register
 * it; {@code @ExtendWith(VirtualTimeExtension.class)} on a class does for its {@code @Test}s.
 */
public final class VirtualTimeExtension
    implements BeforeEachCallback,
        ParameterResolver,
        TestTemplateInvocationContextProvider,
        RunFailures {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(VirtualTimeExtension.class);

  /**
   * A {@link ReplaySchedule} test is checked before it runs, as an {@link Explore} one is: its
   * schedule must be one that can be replayed, and it must take the kit that runs under it.
   */
  @Override
  public void beforeEach(ExtensionContext context) {
    Method method = context.getRequiredTestMethod();
    if (!isAnnotated(method, ReplaySchedule.class)) return;
    replayed(method);
    if (Arrays.stream(method.getParameterTypes()).noneMatch(t -> t == VirtualTimeKit.class))
      throw new ExtensionConfigurationException(
          method.getName()
              + " is replayed under a schedule of its actors' tasks: it takes a VirtualTimeKit"
              + " parameter, and runs its actors on it");
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    // By the test that runs, not by the method that asks: a @BeforeEach of an explored test gets
    // the kit of the invocation it runs before, which that invocation resolves.
    return parameter.getParameter().getType() == VirtualTimeKit.class
        && context.getTestMethod().map(m -> !isAnnotated(m, Explore.class)).orElse(true);
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    if (context.getTestMethod().isEmpty())
      throw new ParameterResolutionException(
          parameter.getDeclaringExecutable().getName()
              + " asks for a VirtualTimeKit outside of a test: a kit belongs to one test, and is"
              + " closed after it; take it in the test method, or in a @BeforeEach or @AfterEach"
              + " method, not in a @BeforeAll, @AfterAll or constructor");
    Optional<Schedule> replayed = replayed(context.getRequiredTestMethod());
    return kit(
        context,
        () ->
            replayed
                .map(s -> VirtualTimeKit.create(context.getRequiredTestMethod().getName(), s))
                .orElseGet(() -> VirtualTimeKit.create(context.getRequiredTestMethod().getName())));
  }

  /** A replayed test's failure names the schedule it failed under, as an explored one does. */
  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    Optional<VirtualTimeKit> kit = openKit(context);
    if (failure instanceof TestAbortedException
        || kit.isEmpty()
        || !isAnnotated(context.getRequiredTestMethod(), ReplaySchedule.class)) throw failure;
    throw new FailedSchedule(kit.get().schedule(), 0, null, kit.get().choicesMade(), failure)
        .asError();
  }

  @Override
  public boolean supportsTestTemplate(ExtensionContext context) {
    return context.getTestMethod().map(m -> isAnnotated(m, Explore.class)).orElse(false);
  }

  /**
   * The FIFO run, the FIFO run again, then one invocation per schedule, each made once the one
   * before has run (JUnit runs a template's invocations as it takes them from the stream), and none
   * after a failure.
   */
  @Override
  public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(
      ExtensionContext context) {
    Method method = context.getRequiredTestMethod();
    Explore explore = findAnnotation(method, Explore.class).orElseThrow();
    if (isAnnotated(method, ReplaySchedule.class))
      throw new ExtensionConfigurationException(
          method.getName() + ": @Explore or @ReplaySchedule, not both");
    if (Arrays.stream(method.getParameterTypes()).noneMatch(t -> t == VirtualTimeKit.class))
      throw new ExtensionConfigurationException(
          method.getName()
              + " is explored under schedules of its actors' tasks: it takes a VirtualTimeKit"
              + " parameter, and runs its actors on it");
    Exploration exploration;
    try {
      exploration = Exploration.of(explore);
    } catch (IllegalArgumentException e) {
      throw new ExtensionConfigurationException(method.getName() + ": " + e.getMessage(), e);
    }
    ExploredRun.Progress progress = new ExploredRun.Progress(exploration, method.getName());
    context.getStore(NAMESPACE).put(ExploredRun.Progress.class, progress); // closed after the last
    return IntStream.rangeClosed(0, exploration.schedules() + 1)
        .takeWhile(i -> !progress.done())
        .mapToObj(progress::invocation);
  }

  /** The kit of the test that {@code context} runs, made by {@code create} on first use. */
  static VirtualTimeKit kit(ExtensionContext context, Supplier<VirtualTimeKit> create) {
    return context
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(OpenKit.class, k -> new OpenKit(create.get()), OpenKit.class)
        .kit();
  }

  /** The kit of the test that {@code context} runs, if it has asked for one. */
  static Optional<VirtualTimeKit> openKit(ExtensionContext context) {
    return Optional.ofNullable(context.getStore(NAMESPACE).get(OpenKit.class, OpenKit.class))
        .map(OpenKit::kit);
  }

  private static Optional<Schedule> replayed(Method method) {
    return findAnnotation(method, ReplaySchedule.class)
        .map(
            r -> {
              try {
                return scheduleOf(r);
              } catch (IllegalArgumentException e) {
                throw new ExtensionConfigurationException(
                    method.getName() + ": " + e.getMessage(), e);
              }
            });
  }

  /** The schedule a {@link ReplaySchedule} names. */
  static Schedule scheduleOf(ReplaySchedule r) {
    if (r.choices().length > 0 && r.strategy() != Schedule.Strategy.CHOICES)
      throw new IllegalArgumentException(
          "@ReplaySchedule takes choices or a "
              + r.strategy()
              + " schedule's parameters, not both");
    return switch (r.strategy()) {
      case FIFO -> Schedule.FIFO;
      case RANDOM -> Schedule.random(r.seed());
      case PCT -> {
        if (r.steps() < 1)
          throw new IllegalArgumentException(
              "a replayed PCT schedule names its span of steps, as the failure gave it"
                  + " (steps = ...)");
        yield Schedule.pct(r.seed(), r.depth(), r.steps());
      }
      case CHOICES -> Schedule.ofChoices(r.choices());
    };
  }

  /** A kit in a test's store, closed with it (after the test's {@code @AfterEach} methods). */
  record OpenKit(VirtualTimeKit kit) implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() {
      kit.close();
    }
  }
}
