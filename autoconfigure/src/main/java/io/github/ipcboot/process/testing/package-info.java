/**
 * Test support for code that runs processes: {@link FakeProcessService} answers runs with
 * scripted results instead of starting programs.
 */
@NullMarked
package io.github.ipcboot.process.testing;

import org.jspecify.annotations.NullMarked;
