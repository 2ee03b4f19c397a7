/** HTTP concerns shared by every endpoint: error bodies in Reflector's shape, body size limit, the OpenAPI document. */
@NullMarked
package app.meetingbridge.gateway.web;

import org.jspecify.annotations.NullMarked;
