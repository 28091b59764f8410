package dev.cordon.client.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A table for people: a header row and rows whose columns are padded to the widest cell, two spaces
 * apart, with no trailing blanks. Cells are printed as given; an empty cell prints "-" so that
 * columns stay readable and splittable by whitespace.
 */
public final class Table {

  private final String[] headers;
  private final List<String[]> rows = new ArrayList<>();

  public Table(String... headers) {
    this.headers = headers.clone();
  }

  /** Adds a row; it must have one cell per header. */
  public Table row(String... cells) {
    if (cells.length != headers.length) {
      throw new IllegalArgumentException(
          "row has " + cells.length + " cells, table has " + headers.length + " columns");
    }
    String[] copy = new String[cells.length];
    for (int i = 0; i < cells.length; i++) {
      copy[i] = cells[i] == null || cells[i].isEmpty() ? "-" : cells[i];
    }
    rows.add(copy);
    return this;
  }

  public void print(PrintWriter out) {
    int[] widths = new int[headers.length];
    for (String[] line : allLines()) {
      for (int i = 0; i < line.length; i++) {
        widths[i] = Math.max(widths[i], line[i].length());
      }
    }
    for (String[] line : allLines()) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < line.length; i++) {
        text.append(line[i]);
        if (i < line.length - 1) {
          text.append(" ".repeat(widths[i] - line[i].length() + 2));
        }
      }
      out.println(text.toString().stripTrailing());
    }
  }

  private List<String[]> allLines() {
    List<String[]> all = new ArrayList<>(rows.size() + 1);
    all.add(headers);
    all.addAll(rows);
    return all;
  }

  @Override
  public String toString() {
    return Arrays.toString(headers) + " x " + rows.size();
  }
}
