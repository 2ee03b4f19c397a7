/** Rooms: the CRUD API, its validation rules, and who may see what. */
@NullMarked
package app.meetingbridge.gateway.room;

import org.jspecify.annotations.NullMarked;
