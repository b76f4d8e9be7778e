package org.winnow.platform.web;

/** What the reader layout needs: the page title and the site's name and links. */
public record PageInfo(String title, String siteName, String homeUrl, String privacyUrl, String description) {}
