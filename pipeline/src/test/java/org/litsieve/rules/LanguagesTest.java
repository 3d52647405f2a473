package org.litsieve.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Language names and codes as the exports write them, to the names the rules use. */
class LanguagesTest {
  @Test
  void codesAndNamesInAnyCaseGiveTheName() {
    assertEquals("english", Languages.canonical("eng"));
    assertEquals("english", Languages.canonical(" English "));
    assertEquals("german", Languages.canonical("GER"));
    assertEquals("", Languages.canonical(null));
  }

  @Test
  void accentsAreDroppedBeforeTheLookUp() {
    assertEquals("french", Languages.canonical("Français"));
    assertEquals("spanish", Languages.canonical("Español"));
    assertEquals("german", Languages.canonical("Deutsch"));
  }

  @Test
  void unknownNamesComeBackLowerCasedWithoutAccents() {
    assertEquals("cestina", Languages.canonical("Čeština"));
    assertEquals("klingon", Languages.canonical("Klingon"));
  }
}
