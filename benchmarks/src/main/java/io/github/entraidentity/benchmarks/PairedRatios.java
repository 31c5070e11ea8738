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
 * The spread of a throughput ratio measured in alternating slices: the ratio of each pair
 * of adjacent slices (ours, then the other subject's), their mean and a 95 % interval of
 * that mean (two standard errors). Where the interval holds 1.0, the run cannot tell the
 * two subjects apart, whichever side of 1.0 the overall ratio falls on.
 *
 * @param pairs how many slice pairs
 * @param mean the mean of the pairs' ratios
 * @param low the interval's lower end
 * @param high the interval's upper end
 * @author Entra Identity contributors
 */
record SlicePairs(int pairs, double mean, double low, double high) {

	/**
	 * Compute the spread of the slices' ratios.
	 * @param ours the calls in each of our slices
	 * @param other the calls in each of the other subject's slices, in the same order
	 * @return the spread
	 */
	static SlicePairs of(long[] ours, long[] other) {
		int pairs = Math.min(ours.length, other.length);
		double[] ratios = new double[pairs];
		int counted = 0;
		for (int i = 0; i < pairs; i++) {
			if (other[i] > 0) {
				ratios[counted++] = (double) ours[i] / other[i];
			}
		}
		if (counted < 2) {
			return new SlicePairs(counted, Double.NaN, Double.NaN, Double.NaN);
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
		return new SlicePairs(counted, mean, mean - 2 * standardError, mean + 2 * standardError);
	}

	/**
	 * Describe the spread for a results row.
	 * @return the description
	 */
	String describe() {
		if (this.pairs < 2) {
			return "too few slice pairs for a spread";
		}
		return String.format(Locale.ROOT, "slice pairs (%d): mean %.2f×, 95 %% interval %.2f-%.2f×", this.pairs,
				this.mean, this.low, this.high);
	}

}
