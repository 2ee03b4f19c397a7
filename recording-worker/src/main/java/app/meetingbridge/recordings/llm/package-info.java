/** The language model the pipeline's post-processing asks (module {@code llm}), configured from the environment. */
@NullMarked
package app.meetingbridge.recordings.llm;

import org.jspecify.annotations.NullMarked;
