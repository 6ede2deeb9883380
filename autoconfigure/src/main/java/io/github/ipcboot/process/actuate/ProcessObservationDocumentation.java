package io.github.ipcboot.process.actuate;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations of the process service and their key values.
 *
 * @since 0.1.0
 */
public enum ProcessObservationDocumentation implements ObservationDocumentation {

	/**
	 * One run of a process, from its start until it has exited and its output is drained. A run
	 * that fails to start is observed too, with a duration close to zero.
	 */
	PROCESS_RUN {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultProcessObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeyNames.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return HighCardinalityKeyNames.values();
		}

	};

	/**
	 * Key values of bounded cardinality, which become meter tags.
	 */
	public enum LowCardinalityKeyNames implements KeyName {

		/**
		 * The configured command name, or {@code adhoc}.
		 */
		COMMAND {
			@Override
			public String asString() {
				return "command";
			}
		},

		/**
		 * How the run ended: {@code success}, {@code failed}, {@code timed_out},
		 * {@code cancelled} or {@code start_failed}; set when the run has finished.
		 */
		OUTCOME {
			@Override
			public String asString() {
				return "outcome";
			}
		}

	}

	/**
	 * Key values of unbounded cardinality, for traces only, never meter tags.
	 */
	public enum HighCardinalityKeyNames implements KeyName {

		/**
		 * The process id; absent when the process did not start.
		 */
		PID {
			@Override
			public String asString() {
				return "pid";
			}
		}

	}

}
