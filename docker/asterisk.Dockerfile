# syntax=docker/dockerfile:1
#
# Asterisk for the hotline stack: andrius/asterisk plus what its images leave
# out and the hotline needs. Build context: docker/ (compose.yaml does this).
#
# Why andrius/asterisk: a widely used Asterisk image, built from the official
# Asterisk release tarballs, with PJSIP, app_queue, app_mixmonitor,
# app_chanspy and res_agi, tagged per exact release on Debian
# (<version>_debian-<release>) and rebuilt for every 20.x/22.x release.
# 22 is the current LTS line. Pin a full version tag, not "latest".
ARG ASTERISK_IMAGE=andrius/asterisk:22.8.2_debian-trixie
FROM ${ASTERISK_IMAGE}

USER root

# andrius/asterisk builds without the sound and music-on-hold packages; the
# fallback path (backend unreachable) needs the built-in prompts and MOH.
# Debian ships them (English, 8 kHz WAV) under /usr/share/asterisk; link them
# where a source-built Asterisk looks (astdatadir /var/lib/asterisk).
# /var/spool/asterisk/monitor/hotline is created with the ownership and
# setgid mode the empty recordings volume copies on first mount.
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
        asterisk-core-sounds-en-wav asterisk-moh-opsound-wav \
 && rm -rf /var/lib/apt/lists/* \
 && rm -rf /var/lib/asterisk/sounds/en /var/lib/asterisk/moh \
 && ln -s /usr/share/asterisk/sounds/en_US_f_Allison /var/lib/asterisk/sounds/en \
 && ln -s /usr/share/asterisk/moh /var/lib/asterisk/moh \
 && install -d -o asterisk -g asterisk -m 2775 /var/spool/asterisk/monitor/hotline

COPY asterisk-start.sh /usr/local/bin/hotline-asterisk-start
RUN chmod 0755 /usr/local/bin/hotline-asterisk-start

# Starts as root and drops to the asterisk user itself (asterisk -U/-G), the
# same way the base image's own command does.
CMD ["/usr/local/bin/hotline-asterisk-start"]
