/**
 * The controller (policy decision point and administrator): thin gRPC services over domain services
 * (CA, enrollment, registry, IPAM, policy, events) over one Store port.
 */
package dev.cordon.controller;
