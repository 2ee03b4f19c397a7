# Image of one service (api-gateway, meeting-service or recording-worker), chosen with the build argument MODULE;
# PORT is its HTTP/actuator port. Build context: the repository root.
#
# The image does not build anything: the Maven build needs a running PostgreSQL for jOOQ code generation,
# so build the jars on the host first (mvn -DskipTests package); this copies <MODULE>/target/<MODULE>.jar.
FROM eclipse-temurin:17-jre

# curl is only for the HEALTHCHECK; the base image does not guarantee curl or wget. recording-worker brings its own
# ffmpeg in its jar (a static build, unpacked into /tmp at start-up), so no image needs ffmpeg installed.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 app \
 && useradd --system --uid 10001 --gid app --no-create-home --shell /usr/sbin/nologin app

ARG MODULE
ARG PORT
WORKDIR /app
COPY ${MODULE}/target/${MODULE}.jar /app/app.jar

ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError" \
    SERVER_PORT=${PORT}

USER 10001:10001
EXPOSE ${PORT}

HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=6 \
  CMD curl -fsS -o /dev/null "http://localhost:${SERVER_PORT}/actuator/health/readiness" || exit 1

ENTRYPOINT ["java", "-jar", "/app/app.jar"]
