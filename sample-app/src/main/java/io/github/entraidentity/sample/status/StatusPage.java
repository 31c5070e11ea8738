/*
 * Copyright 2026-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.github.entraidentity.sample.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import io.github.entraidentity.credential.CachedTokenView;
import io.github.entraidentity.credential.EntraCredential;
import io.github.entraidentity.credential.observation.FetchOutcome;
import io.github.entraidentity.emulator.EntraEmulator;
import io.github.entraidentity.sample.credential.RecentFetches;
import io.github.entraidentity.sample.downstream.DownstreamCall;
import io.github.entraidentity.sample.downstream.DownstreamClient;
import org.jspecify.annotations.Nullable;

import org.springframework.web.util.HtmlUtils;

/**
 * Renders the status page: the credential's configuration (never its secret), cached
 * tokens, recent token requests, health and the last downstream call. Every value is
 * HTML-escaped.
 *
 * @author Entra Identity contributors
 * @since 0.1.0
 */
public class StatusPage {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'")
		.withZone(ZoneOffset.UTC);

	private static final String STYLE = """
			body{margin:0;background:#f5f6f8;color:#1f2328;font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif}
			main{max-width:960px;margin:0 auto;padding:24px}
			h1{font-size:24px;margin:0 0 4px}h2{font-size:16px;margin:0 0 12px}
			.sub{color:#57606a;margin:0 0 20px}
			section{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:16px 20px;margin:0 0 16px}
			table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:6px 8px;border-top:1px solid #eaeef2;vertical-align:top}
			tr:first-child th,tr:first-child td{border-top:0}th{color:#57606a;font-weight:500;white-space:nowrap}
			code{font:13px ui-monospace,SFMono-Regular,Consolas,monospace;background:#f0f2f4;padding:1px 5px;border-radius:4px;word-break:break-all}
			.badge{display:inline-block;padding:1px 10px;border-radius:12px;font-size:13px;font-weight:600;vertical-align:middle}
			.up{background:#dafbe1;color:#116329}.down{background:#ffebe9;color:#a40e26}.unknown{background:#eaeef2;color:#57606a}
			.error{border-color:#ff8182;background:#fff8f8}.error h2{color:#a40e26}
			.muted{color:#57606a}a{color:#0969da}footer{color:#57606a;font-size:13px}
			""";

	private final EntraCredential credential;

	private final RecentFetches recentFetches;

	private final DownstreamClient downstreamClient;

	private final @Nullable EntraEmulator emulator;

	private final Clock clock;

	/**
	 * Create a status page.
	 * @param credential the credential
	 * @param recentFetches the recent token requests
	 * @param downstreamClient the downstream client
	 * @param emulator the embedded emulator, or {@code null} with real Entra ID
	 * @param clock the clock for relative times
	 */
	public StatusPage(EntraCredential credential, RecentFetches recentFetches, DownstreamClient downstreamClient,
			@Nullable EntraEmulator emulator, Clock clock) {
		this.credential = credential;
		this.recentFetches = recentFetches;
		this.downstreamClient = downstreamClient;
		this.emulator = emulator;
		this.clock = clock;
	}

	/**
	 * Render the page.
	 * @return the HTML document
	 */
	public String render() {
		Instant now = this.clock.instant();
		FetchOutcome last = this.credential.lastFetch();
		StringBuilder html = new StringBuilder(8192);
		html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
			.append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
			.append("<meta http-equiv=\"refresh\" content=\"10\">")
			.append("<title>Entra identity sample</title><style>")
			.append(STYLE)
			.append("</style></head><body><main>\n");
		header(html, last, now);
		if (last != null && last.failure() != null) {
			failure(html, last, now);
		}
		configuration(html);
		cachedTokens(html, now);
		recentFetches(html, now);
		downstream(html, now);
		html.append("<footer>Actuator: <a href=\"/actuator/health\">/actuator/health</a> · ")
			.append("<a href=\"/actuator/metrics/identity.token.fetch\">/actuator/metrics/identity.token.fetch</a> · ")
			.append("<a href=\"/actuator/info\">/actuator/info</a>. This page refreshes every 10 seconds.</footer>\n")
			.append("</main></body></html>\n");
		return html.toString();
	}

	private void header(StringBuilder html, @Nullable FetchOutcome last, Instant now) {
		// a summary of the last token request; /actuator/health/identity is the full
		// check
		String state = (last == null) ? "UNKNOWN" : (last.succeeded() ? "UP" : "DOWN");
		html.append("<h1>Entra ID credential <span class=\"badge ")
			.append(state.toLowerCase(Locale.ROOT))
			.append("\">")
			.append(state)
			.append("</span></h1>\n<p class=\"sub\">");
		String source = (this.emulator != null) ? "the embedded Entra emulator" : "Microsoft Entra ID";
		if (last == null) {
			html.append("No token requested yet from ").append(escape(source)).append('.');
		}
		else if (last.succeeded()) {
			html.append("Token obtained from ")
				.append(escape(source))
				.append(' ')
				.append(escape(ago(last.finishedAt(), now)))
				.append('.');
		}
		else {
			html.append("The last token request to ")
				.append(escape(source))
				.append(" failed ")
				.append(escape(ago(last.finishedAt(), now)))
				.append('.');
		}
		if (this.emulator != null) {
			html.append(" No Azure account needed: set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET to")
				.append(" use real Microsoft Entra ID.");
		}
		html.append("</p>\n");
	}

	private void failure(StringBuilder html, FetchOutcome last, Instant now) {
		FailureAdvice advice = FailureAdvice.of(last.failure());
		html.append("<section class=\"error\"><h2>Last token request failed: ")
			.append(escape(advice.title()))
			.append("</h2>\n<p>")
			.append(escape(advice.description()))
			.append("</p>\n<p><strong>What to do:</strong> ")
			.append(escape(advice.action()))
			.append("</p>\n<p class=\"muted\">")
			.append(escape(TIME.format(last.finishedAt())))
			.append(", after ")
			.append(last.attempts())
			.append(last.attempts() == 1 ? " attempt" : " attempts")
			.append(", error code <code>")
			.append(escape(last.errorCode()))
			.append("</code></p></section>\n");
	}

	private void configuration(StringBuilder html) {
		html.append("<section><h2>Configuration</h2><table>\n");
		row(html, "Tenant", code(this.credential.tenantId()));
		row(html, "Client id", code(this.credential.clientId()));
		row(html, "Authority", code(this.credential.authority()));
		row(html, "Client secret", "set, never shown");
		EntraEmulator emulator = this.emulator;
		if (emulator != null) {
			long issued = emulator.issuedTokens().size();
			row(html, "Emulator",
					"token endpoint " + code(emulator.tokenEndpoint()) + ", " + issued
							+ ((issued == 1) ? " token" : " tokens") + " issued, lifetime "
							+ escape(duration(emulator.settings().tokenLifetime())));
		}
		html.append("</table></section>\n");
	}

	private void cachedTokens(StringBuilder html, Instant now) {
		List<CachedTokenView> tokens = this.credential.cachedTokens();
		html.append("<section><h2>Cached tokens</h2>");
		if (tokens.isEmpty()) {
			html.append("<p class=\"muted\">None yet.</p></section>\n");
			return;
		}
		html.append("<table><tr><th>Scopes</th><th>Tenant</th><th>Expires</th><th>Refresh from</th></tr>\n");
		for (CachedTokenView token : tokens) {
			html.append("<tr><td>")
				.append(code(String.join(" ", token.scopes())))
				.append(token.cae() ? " (CAE)" : "")
				.append("</td><td>")
				.append(code(token.tenantId()))
				.append("</td><td>")
				.append(escape(TIME.format(token.expiresOn()) + " (" + relative(token.expiresOn(), now) + ")"))
				.append("</td><td>")
				.append(escape(TIME.format(token.refreshAt()) + " (" + relative(token.refreshAt(), now) + ")"))
				.append("</td></tr>\n");
		}
		html.append("</table></section>\n");
	}

	private void recentFetches(StringBuilder html, Instant now) {
		List<FetchOutcome> outcomes = this.recentFetches.recent();
		html.append("<section><h2>Recent token requests</h2>");
		if (outcomes.isEmpty()) {
			html.append("<p class=\"muted\">None yet.</p></section>\n");
			return;
		}
		html.append("<table><tr><th>When</th><th>Result</th><th>Scopes</th><th>Attempts</th><th>Took</th></tr>\n");
		for (FetchOutcome outcome : outcomes) {
			html.append("<tr><td>")
				.append(escape(TIME.format(outcome.finishedAt()) + " (" + ago(outcome.finishedAt(), now) + ")"))
				.append("</td><td>");
			if (outcome.succeeded()) {
				html.append("<span class=\"badge up\">token obtained</span>");
			}
			else {
				html.append("<span class=\"badge down\">")
					.append(escape(outcome.errorCode()))
					.append("</span> ")
					.append(escape(FailureAdvice.of(outcome.failure()).title()));
			}
			html.append("</td><td>")
				.append(code(String.join(" ", outcome.scopes())))
				.append("</td><td>")
				.append(outcome.attempts())
				.append("</td><td>")
				.append(outcome.duration().toMillis())
				.append(" ms</td></tr>\n");
		}
		html.append("</table></section>\n");
	}

	private void downstream(StringBuilder html, Instant now) {
		html.append("<section><h2>Downstream API</h2><table>\n");
		String url = this.downstreamClient.url();
		row(html, "Calls", (url != null) ? "GET " + code(url) + " with the credential's bearer token"
				: "no API configured: only a token is requested (set <code>sample.downstream.url</code>)");
		DownstreamCall call = this.downstreamClient.lastCall();
		if (call != null) {
			row(html, "Last call",
					"<span class=\"badge " + (call.succeeded() ? "up" : "down") + "\">"
							+ ((call.status() != 0) ? call.status() : "failed") + "</span> "
							+ escape(ago(call.startedAt(), now) + ", took " + call.duration().toMillis() + " ms"));
			row(html, "Answer", code(call.body()));
		}
		row(html, "Try it", "<a href=\"/call-api\">/call-api</a> calls it now and shows the answer");
		html.append("</table></section>\n");
	}

	private static void row(StringBuilder html, String name, String valueHtml) {
		html.append("<tr><th>").append(escape(name)).append("</th><td>").append(valueHtml).append("</td></tr>\n");
	}

	private static String code(String value) {
		return "<code>" + escape(value) + "</code>";
	}

	private static String escape(String value) {
		return HtmlUtils.htmlEscape(value);
	}

	private static String ago(Instant then, Instant now) {
		return duration(Duration.between(then, now)) + " ago";
	}

	private static String relative(Instant then, Instant now) {
		Duration delta = Duration.between(now, then);
		return delta.isNegative() ? duration(delta.negated()) + " ago" : "in " + duration(delta);
	}

	private static String duration(Duration duration) {
		long seconds = Math.max(0, duration.toSeconds());
		if (seconds < 60) {
			return seconds + " s";
		}
		if (seconds < 3600) {
			return (seconds / 60) + " min " + (seconds % 60) + " s";
		}
		return (seconds / 3600) + " h " + ((seconds % 3600) / 60) + " min";
	}

}
