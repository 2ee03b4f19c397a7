/** S3 clients, made one way: endpoint, region and the key that signs, with its fallbacks. */
@NullMarked
package app.meetingbridge.storage;

import org.jspecify.annotations.NullMarked;
