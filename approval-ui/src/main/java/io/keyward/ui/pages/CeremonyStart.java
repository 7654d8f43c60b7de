package io.keyward.ui.pages;

import io.keyward.workflows.common.KeyRef;

/**
 * The ceremonies a person can start from the pages, each with its form. Every signed-in person sees
 * every form: who may start what is the services' decision, and their refusal is shown in their own
 * words, so the pages never keep a second, drifting copy of the segregation of duties.
 */
public enum CeremonyStart {
  REQUEST_KEY("Request a key", "/ui/generations/new", "generation-form", Area.KEYS),
  PLAN_ROTATION("Plan a rotation", "/ui/rotations/new", "rotation-form", Area.KEYS),
  DECLARE_BREAK_GLASS(
      "Declare break-glass", "/ui/break-glass/new", "break-glass-form", Area.BREAK_GLASS),
  REPORT_COMPROMISE("Report a compromise", "/ui/incidents/new", "compromise-form", Area.INCIDENTS);

  private final String label;
  private final String path;
  private final String template;
  private final Area area;

  CeremonyStart(String label, String path, String template, Area area) {
    this.label = label;
    this.path = path;
    this.template = template;
    this.area = area;
  }

  /** The words of the link and the title of the form's page. */
  public String label() {
    return label;
  }

  /** Where the form is shown (GET) and sent (POST). */
  public String path() {
    return path;
  }

  /** The form with {@code key} filled in: {@code <path>?vault=..&name=..}. */
  public String pathFor(KeyRef key) {
    return path + "?vault=" + key.vault() + "&name=" + key.name();
  }

  /** The form's Mustache template. */
  public String template() {
    return template;
  }

  /** The section of the navigation the form belongs to. */
  public Area area() {
    return area;
  }
}
