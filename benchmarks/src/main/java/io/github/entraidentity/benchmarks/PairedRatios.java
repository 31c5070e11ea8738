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

package io.github.entraidentity.benchmarks;

import java.util.Locale;

/**
 * The spread of a ratio measured in alternating turns (slices of calls, or JVMs started
 * one after the other): the ratio of each pair of adjacent turns (ours, then the other
 * subject's), their mean and a 95 % interval of that mean (two standard errors). Where
 * the interval holds the target, the run cannot tell on which side of it the two subjects
 * are, whichever side the overall ratio falls on.
 *
 * @param pairs how many pairs
 * @param mean the mean of the pairs' ratios
 * @param low the interval's lower end
 * @param high the interval's upper end
 * @author Entra Identity contributors
 */
record PairedRatios(int pairs, double mean, double low, double high) {

	/**
	 * Compute the spread of the turns' ratios.
	 * @param ours the measure of each of our turns
	 * @param other the measure of each of the other subject's turns, in the same order
	 * @return the spread
	 */
	static PairedRatios of(long[] ours, long[] other) {
		int pairs = Math.min(ours.length, other.length);
		double[] ratios = new double[pairs];
		int counted = 0;
		for (int i = 0; i < pairs; i++) {
			if (other[i] > 0) {
				ratios[counted++] = (double) ours[i] / other[i];
			}
		}
		if (counted < 2) {
			return new PairedRatios(counted, Double.NaN, Double.NaN, Double.NaN);
		}
		double sum = 0;
		for (int i = 0; i < counted; i++) {
			sum += ratios[i];
		}
		double mean = sum / counted;
		double squares = 0;
		for (int i = 0; i < counted; i++) {
			squares += (ratios[i] - mean) * (ratios[i] - mean);
		}
		double standardError = Math.sqrt(squares / (counted - 1) / counted);
		return new PairedRatios(counted, mean, mean - 2 * standardError, mean + 2 * standardError);
	}

	/**
	 * Return whether the 95 % interval holds the value.
	 * @param value the value, such as a target ratio
	 * @return whether the run cannot tell the ratio from it
	 */
	boolean holds(double value) {
		return this.pairs >= 2 && this.low <= value && value <= this.high;
	}

	/**
	 * Describe the spread for a results row.
	 * @param what what was paired, such as {@code "slice pairs"}
	 * @return the description
	 */
	String describe(String what) {
		if (this.pairs < 2) {
			return "too few " + what + " for a spread";
		}
		return String.format(Locale.ROOT, "%s (%d): mean %.2f×, 95 %% interval %.2f-%.2f×", what, this.pairs, this.mean,
				this.low, this.high);
	}

}
