/** api-gateway: the REST API /v1 on port 1250 and the providers' webhook ingress. */
@NullMarked
package app.meetingbridge.gateway;

import org.jspecify.annotations.NullMarked;
