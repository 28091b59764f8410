/**
 * Checks of the operator-facing files: the deploy/ manifests, compose file and systemd units, the
 * example policy and the links between the docs. Plain unit tests: no root, no lab.
 */
package dev.cordon.lab.deploy;
