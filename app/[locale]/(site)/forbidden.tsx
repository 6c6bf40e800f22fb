import { MessagePage } from '@/app/_components/message-page';

export default function Forbidden() {
  return <MessagePage title="forbiddenTitle" body="forbiddenBody" />;
}
