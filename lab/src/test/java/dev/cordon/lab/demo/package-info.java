/** The demo, end to end in a namespace lab: its tables as the example policy decides them. */
package dev.cordon.lab.demo;
