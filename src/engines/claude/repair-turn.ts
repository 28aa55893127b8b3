import type Anthropic from '@anthropic-ai/sdk';

/** The assistant turn sent back for a repair: only text and tool_use blocks. */
export function echoAssistantTurn(content: Anthropic.ContentBlock[]): Anthropic.ContentBlockParam[] {
  const blocks: Anthropic.ContentBlockParam[] = [];
  for (const block of content) {
    if (block.type === 'text' && block.text.length > 0) blocks.push({ type: 'text', text: block.text });
    else if (block.type === 'tool_use') blocks.push({ type: 'tool_use', id: block.id, name: block.name, input: block.input });
  }
  return blocks.length > 0 ? blocks : [{ type: 'text', text: '(no content)' }];
}

/**
 * The user turn asking for a corrected tool call: `noCall` when the model called no tool, else a
 * tool_result marked is_error for every tool_use (each needs one), carrying `instruction`.
 */
export function repairTurn(
  toolUses: Anthropic.ToolUseBlock[],
  submitted: Anthropic.ToolUseBlock | undefined,
  instruction: string,
  noCall: string,
): Anthropic.MessageParam {
  if (toolUses.length === 0) return { role: 'user', content: noCall };
  return {
    role: 'user',
    content: toolUses.map((b) => ({
      type: 'tool_result' as const,
      tool_use_id: b.id,
      is_error: true,
      content: b === submitted ? instruction : `Unknown tool "${b.name}". ${instruction}`,
    })),
  };
}
