/**
 * `/config` and `/gradio_api/info` bodies of the emulated Space app, shaped after gradio-app/gradio
 * `gradio/blocks.py` (`get_config_file`, `get_api_info`; Gradio 6.25.0), keeping the fields @gradio/client 2.7.0
 * reads (`protocol`, `api_prefix`, `root`, `space_id`, `connect_heartbeat`, `enable_queue`, the dependencies and
 * components, and `/info`'s `named_endpoints[].parameters[].parameter_name`). They describe what space/app.py
 * declares: one `gr.Interface` with a Textbox and two integer Numbers in, a Textbox out.
 */

/** Parameter names of space/app.py's `summarize` function, in order (kept apart from the client's constants). */
export const SPACE_APP_PARAMETERS: readonly string[] = ['text', 'max_length', 'min_length'];

const DEFAULTS: Record<string, number> = { max_length: 142, min_length: 56 };

interface ComponentSpec {
  id: number;
  type: 'textbox' | 'number';
  label: string;
}

function components(parameters: readonly string[]): { inputs: ComponentSpec[]; output: ComponentSpec } {
  const inputs = parameters.map((label, index): ComponentSpec => ({
    id: index + 1,
    type: label === 'text' ? 'textbox' : 'number',
    label,
  }));
  return { inputs, output: { id: parameters.length + 1, type: 'textbox', label: 'summary' } };
}

function apiType(type: ComponentSpec['type']): { type: string } {
  return { type: type === 'textbox' ? 'string' : 'number' };
}

export function buildConfig(options: {
  root: string;
  apiName: string;
  parameters: readonly string[];
  heartbeat: boolean;
}): Record<string, unknown> {
  const { inputs, output } = components(options.parameters);
  const all = [...inputs, output];
  const layout = { id: 0, children: all.map(({ id }) => ({ id })) };
  return {
    version: '6.31.0',
    api_prefix: '/gradio_api',
    protocol: 'sse_v3',
    enable_queue: true,
    connect_heartbeat: options.heartbeat,
    space_id: null,
    root: options.root,
    app_id: 4242,
    username: null,
    mode: 'interface',
    components: all.map((component) => ({
      id: component.id,
      type: component.type,
      props: {
        label: component.label,
        name: component.type,
        ...(component.label in DEFAULTS ? { value: DEFAULTS[component.label], precision: 0 } : {}),
      },
      skip_api: false,
      component_class_id: '',
      api_info: apiType(component.type),
    })),
    dependencies: [
      {
        id: 0,
        targets: [[inputs[0]?.id ?? 1, 'submit']],
        inputs: inputs.map(({ id }) => id),
        outputs: [output.id],
        backend_fn: true,
        js: null,
        queue: true,
        api_name: options.apiName,
        api_visibility: 'public',
        types: { generator: false, cancel: false },
        connection: 'sse',
        rendered_in: null,
        render_id: null,
        trigger_mode: 'once',
        batch: false,
        max_batch_size: 4,
        cancels: [],
      },
    ],
    layout,
    page: { '': { components: all.map(({ id }) => id), dependencies: [0], layout } },
    pages: [['', 'Home', false]],
  };
}

export function buildApiInfo(apiName: string, parameters: readonly string[]): Record<string, unknown> {
  const { inputs, output } = components(parameters);
  return {
    named_endpoints: {
      [`/${apiName}`]: {
        parameters: inputs.map((component) => {
          const fallback = DEFAULTS[component.label];
          return {
            label: component.label,
            parameter_name: component.label,
            parameter_has_default: fallback !== undefined,
            parameter_default: fallback ?? null,
            type: apiType(component.type),
            python_type: { type: component.type === 'textbox' ? 'str' : 'int', description: '' },
            component: component.type === 'textbox' ? 'Textbox' : 'Number',
            example_input: component.type === 'textbox' ? 'Hello!!' : 3,
          };
        }),
        returns: [
          {
            label: output.label,
            type: apiType(output.type),
            python_type: { type: 'str', description: '' },
            component: 'Textbox',
          },
        ],
        api_visibility: 'public',
        description: '',
      },
    },
    unnamed_endpoints: {},
  };
}
