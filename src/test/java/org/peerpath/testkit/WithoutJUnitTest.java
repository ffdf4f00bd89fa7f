package org.peerpath.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The kit, its probes and {@link Exploration} work without JUnit on the class path (it is an
 * optional dependency): a scenario that uses them runs in a class loader that hides JUnit and
 * opentest4j, and fails the way a test framework other than JUnit would report.
 */
class WithoutJUnitTest {

  @Test
  void theKitProbesAndExplorationNeedNoJUnit() throws Exception {
    ClassLoader hiding = new HidingJUnit(getClass().getClassLoader());
    assertThrows(
        ClassNotFoundException.class, () -> hiding.loadClass("org.junit.jupiter.api.Test"));
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    thread.setContextClassLoader(hiding); // where Pekko loads the runtime's scheduler from
    List<String> said;
    try {
      Class<?> scenario = hiding.loadClass(ScenarioWithoutJUnit.class.getName());
      assertTrue(scenario.getClassLoader() == hiding, "the scenario runs in the hiding loader");
      var make = scenario.getDeclaredConstructor();
      make.setAccessible(true); // another loader's package: not the test's, to Java
      @SuppressWarnings("unchecked")
      Supplier<List<String>> s = (Supplier<List<String>>) make.newInstance();
      said = s.get();
    } finally {
      thread.setContextClassLoader(before);
    }
    assertEquals(
        List.of(
            "java.lang.AssertionError: p's next message ==> expected: <b> but was: <a>",
            "java.lang.AssertionError",
            "failed under fifo, the first run of the exploration, after 0 choices; replay it with"
                + " @ReplaySchedule(strategy = Schedule.Strategy.FIFO)\n"
                + "java.lang.AssertionError: planted"),
        said);
  }

  /**
   * Loads the project's classes itself, so that what they refer to is looked up here, and finds no
   * class of JUnit or opentest4j; the rest (Pekko, Scala, the JDK) comes from {@code parent}.
   */
  static final class HidingJUnit extends ClassLoader {
    HidingJUnit(ClassLoader parent) {
      super(parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.startsWith("org.junit.") || name.startsWith("org.opentest4j."))
        throw new ClassNotFoundException(name + ", hidden");
      if (!name.startsWith("org.peerpath.")) return super.loadClass(name, resolve);
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c != null) return c;
        try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
          if (in == null) throw new ClassNotFoundException(name);
          byte[] b = in.readAllBytes();
          return defineClass(name, b, 0, b.length);
        } catch (IOException e) {
          throw new ClassNotFoundException(name, e);
        }
      }
    }
  }
}

/** What {@link WithoutJUnitTest} runs without JUnit: it refers to no JUnit class itself. */
final class ScenarioWithoutJUnit implements Supplier<List<String>> {
  @Override
  public List<String> get() {
    List<String> said = new ArrayList<>();
    try (VirtualTimeKit kit = VirtualTimeKit.create("without-junit")) {
      RecordingProbe<String> p = kit.probe(String.class, "p");
      p.ref().tell("a");
      kit.runUntilQuiescent();
      try {
        p.expectMessage("b");
        said.add("expectMessage passed");
      } catch (AssertionError e) {
        said.add(e.toString());
      }
    }
    FailedSchedule failed =
        Exploration.random(2)
            .run(
                "without-junit",
                kit -> {
                  throw new AssertionError("planted");
                })
            .orElseThrow();
    AssertionError reported = failed.asError();
    said.add(reported.getClass().getName());
    said.add(reported.getMessage());
    return said;
  }
}
