/**
 * Test-only helpers shared by tests of every package. {@link org.litsieve.testing.RealData} finds
 * the real-data folder and decides, for every test that needs something outside the repository
 * (the real data, Chromium, the Node.js test tools), whether a missing one skips the test with one
 * visible line or fails it ({@code -Dlitsieve.requireAll=true}, as CI runs).
 */
package org.litsieve.testing;
